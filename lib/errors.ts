import { z } from "zod";

// One table from a stable error code to its HTTP status. The public API, the server actions and the
// CLI all speak these codes.
const STATUS = {
  validation_error: 400,
  bad_request: 400,
  no_active_timer: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  email_taken: 409,
  timer_already_running: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;
/** Field name -> messages, as the API's `errors` member and the forms show them. */
export type FieldErrors = Record<string, string[]>;

/**
 * An empty field-error map without a prototype: field names come from what a client sent, and a field
 * named `constructor` or `toString` must get its own list, not find Object.prototype's method there.
 */
export function emptyFieldErrors(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

/** The map as a plain object, for React to hand to a client component (it refuses null prototypes).
 *  Object.fromEntries defines each key as its own property, `__proto__` included. */
export function plainFieldErrors(fields: FieldErrors): FieldErrors;
export function plainFieldErrors(fields: FieldErrors | undefined): FieldErrors | undefined;
export function plainFieldErrors(fields: FieldErrors | undefined): FieldErrors | undefined {
  return fields && Object.fromEntries(Object.entries(fields));
}

export function addFieldError(fields: FieldErrors, field: string, message: string): void {
  if (!Object.hasOwn(fields, field)) fields[field] = [];
  fields[field].push(message);
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldErrors } & Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }

  static validation(fields: FieldErrors, message = "Some fields are not valid."): AppError {
    return new AppError("validation_error", message, { fields });
  }
}

export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields = emptyFieldErrors();
  for (const issue of error.issues) addFieldError(fields, issue.path.length ? issue.path.join(".") : "_", issue.message);
  return fields;
}

export const NUL_MESSAGE = "Text cannot contain the character U+0000.";

/**
 * PostgreSQL text cannot hold U+0000: every string anywhere in `value` (keys too) that contains one is a
 * field error, so that it is refused as input instead of failing in SQL with a 500.
 */
export function nulFieldErrors(value: unknown): FieldErrors {
  const fields = emptyFieldErrors();
  // Iterative: a body nested a hundred thousand levels deep must not exhaust the stack.
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, path] = next;
    if (typeof v === "string") {
      if (v.includes("\u0000")) addFieldError(fields, path || "_", NUL_MESSAGE);
    } else if (v && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) addFieldError(fields, at, NUL_MESSAGE);
        pending.push([item, at]);
      }
    }
  }
  return fields;
}

export function assertNoNul(value: unknown): void {
  const fields = nulFieldErrors(value);
  if (Object.keys(fields).length) throw AppError.validation(fields);
}

/** Parse with a zod schema, turning a failure into a validation AppError with field messages. Every
 *  service parses its input here (API, pages and CLI alike), so a NUL is refused on every path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertNoNul(input);
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrorsOf(result.error));
  return result.data;
}

/** Postgres error code of a driver error (postgres.js and PGlite both expose `code`, possibly wrapped by drizzle). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const c = (e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ?? (e as { constraint?: unknown }).constraint;
    if (typeof c === "string") return c;
  }
  return undefined;
}

/** An error's message as it may be stored and shown (a sync log, a job): a failed query's without its values. */
export function errorMessageForRecord(error: unknown): string {
  if (failedQuery(error)) return errorForLog(error).split("\n")[0];
  return error instanceof Error ? error.message : String(error);
}

/** The failed-query error in a chain: drizzle's DrizzleQueryError, or a driver error that carries its query. */
function failedQuery(error: unknown): { query: string } | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof (e as { query?: unknown }).query === "string") return e as { query: string };
  }
  return undefined;
}

/** Where the code was: the stack's frames without its first line (which repeats the message). */
const framesOf = (error: unknown) => (error instanceof Error && error.stack ? error.stack.split("\n").filter((l) => /^\s+at /.test(l)).join("\n") : "");

/**
 * An unexpected error as the logs may keep it. A failed SQL query is logged by its statement, SQLSTATE and
 * constraint, never by its values or the database's message (both can hold what a person typed: a
 * password, a token, their notes; PostgreSQL quotes the offending value in messages like `invalid input
 * syntax`). Never log a query error object itself: its `params` and message carry the values.
 */
export function errorForLog(error: unknown): string {
  const query = failedQuery(error);
  if (query) {
    const constraint = constraintName(error);
    const what = [`SQLSTATE ${pgErrorCode(error) ?? "unknown"}`, constraint ? `constraint ${constraint}` : ""].filter(Boolean).join(", ");
    return `Failed query (${what}): ${query.query.replace(/\s+/g, " ").trim()}\n${framesOf(error)}`.trimEnd();
  }
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
