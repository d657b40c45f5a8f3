import { AppError } from "@/lib/errors";

export const UNAVAILABLE_MESSAGE = "Stint is not available right now. Try again in a minute.";

/** Socket and postgres.js codes of a connection that failed, ended or timed out. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECTION_ENDED",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * Whether a query failed because the database cannot be reached (PostgreSQL down, restarting or out of
 * connections; the embedded database closing while the server stops), as opposed to what the query
 * asked. The error may be wrapped by drizzle (DrizzleQueryError) or by next-auth, so the cause chain
 * is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableReason(error) !== null;
}

/** What said the database is unavailable (an error code, or PGlite's message), for the log; null if nothing did. */
export function unavailableReason(error: unknown): string | null {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); e = causeOf(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (CONNECTION_CODES.has(code)) return code;
      // SQLSTATE class 08 (connection exception), 57P01-03 (shutting down, crashed, starting), 53300 (too many connections).
      if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300") return `SQLSTATE ${code}`;
    }
    const message = (e as { message?: unknown }).message;
    // PGlite after close(), or its worker gone.
    if (typeof message === "string" && /PGlite is closed|PGlite.*(terminated|closed)/i.test(message)) return message;
  }
  return null;
}

function causeOf(error: object): unknown {
  const cause = (error as { cause?: unknown }).cause;
  // next-auth wraps the original as `cause.err`.
  if (cause && typeof cause === "object" && "err" in cause && !(cause instanceof Error)) return (cause as { err: unknown }).err;
  return cause;
}

/** The error the API and the sign-in page answer with while the database cannot be reached (503). */
export function databaseUnavailable(): AppError {
  return new AppError("unavailable", UNAVAILABLE_MESSAGE);
}
