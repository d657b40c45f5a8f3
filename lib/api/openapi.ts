import { z } from "zod";
import { SCOPES } from "@/lib/tokens/scopes";
import { ops, type Operation } from "./operations";
import { errorShape } from "./responses";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return withExamples(rest);
};

// Swagger UI makes up an example for every field that has none: the lowest allowed integer
// (-9007199254740991, the bound zod writes for .int()) and a string matching the date-time pattern
// (the year 3646). Realistic examples instead, by the field's format or name.
const EXAMPLE_DATE_TIME = "2026-11-20T09:30:00.000Z";
const EXAMPLE_DATE = "2026-11-20";
const EXAMPLE_IDS: Record<string, number> = { id: 42, user_id: 7, project_id: 12, client_id: 3, task_id: 27, connection_id: 2, entry_id: 1834, job: 15, inv: 5 };
const EXAMPLE_BY_NAME: Record<string, unknown> = {
  start_time: "2026-11-20T09:30",
  end_time: "2026-11-20T11:00",
  start_date: "2026-11-01",
  end_date: "2026-11-30",
  date: EXAMPLE_DATE,
  duration_seconds: 5400,
  hourly_rate: 80,
  default_hourly_rate: 80,
  estimated_hours: 40,
  budget_amount: 12000,
  billable_amount: 360,
  currency: "EUR",
  timezone: "Europe/Berlin",
  page: 1,
  per_page: 50,
  min_productivity: 1,
};
const SAFE = Number.MAX_SAFE_INTEGER;

function exampleFor(name: string | undefined, node: JsonSchema): unknown {
  if (name && name in EXAMPLE_BY_NAME) return EXAMPLE_BY_NAME[name];
  if ((node.type === "integer" || node.type === "number") && name && (name === "id" || name.endsWith("_id"))) return EXAMPLE_IDS[name] ?? 42;
  if (node.format === "date-time") return EXAMPLE_DATE_TIME;
  if (node.format === "date") return EXAMPLE_DATE;
  return undefined;
}

/** Adds `example`s throughout a generated JSON schema (and drops the meaningless ±2^53 bounds of .int()). */
function withExamples(node: JsonSchema, name?: string): JsonSchema {
  if (node.minimum === -SAFE) delete node.minimum;
  if (node.maximum === SAFE) delete node.maximum;
  const example = node.type === "object" || node.type === "array" ? undefined : exampleFor(name, node);
  if (example !== undefined && node.example === undefined && (node.type === typeof example || ((node.type === "integer" || node.type === "number") && typeof example === "number") || node.type === undefined)) {
    node.example = example;
  }
  const props = node.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(props ?? {})) withExamples(child, key);
  if (node.items && typeof node.items === "object") withExamples(node.items as JsonSchema, name);
  // A tuple's members (zod writes them as prefixItems).
  for (const child of (node.prefixItems as JsonSchema[] | undefined) ?? []) withExamples(child);
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const child of (node[key] as JsonSchema[] | undefined) ?? []) withExamples(child, name);
  if (node.additionalProperties && typeof node.additionalProperties === "object") withExamples(node.additionalProperties as JsonSchema);
  return node;
}

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [];
  const declared = op.params ? ((toSchema(op.params, "input") as { properties?: Record<string, JsonSchema> }).properties ?? {}) : {};
  for (const match of op.path.matchAll(/\{(\w+)\}/g)) {
    // Ids are positive integers (validated as digits); a plain string parameter (e.g. a provider's name) is documented as declared.
    const prop = declared[match[1]];
    const isName = prop?.type === "string" && prop.pattern === undefined;
    const { description, ...schema } = isName ? prop : { type: "integer", minimum: 1, example: EXAMPLE_IDS[match[1]] ?? 42 };
    out.push({ name: match[1], in: "path", required: true, schema, ...(description ? { description } : {}) });
  }
  if (op.query) {
    const schema = toSchema(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      out.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: prop, ...(prop.description ? { description: prop.description } : {}) });
    }
  }
  if (op.method === "POST" && op.scope !== "public") {
    out.push({ name: "Idempotency-Key", in: "header", required: false, description: "Retrying with the same key and body returns the first answer and creates nothing twice (kept 24 h).", schema: { type: "string", maxLength: 255 } });
  }
  return out;
}

const ERROR_TEXT: Record<string, string> = {
  "400": "Invalid input (error_code validation_error, with errors by field)",
  "401": "Missing, invalid, expired or revoked token",
  "403": "The token lacks the scope (required_scope, available_scopes) or the caller may not do this",
  "404": "Not found (also for other users' objects)",
  "409": "Conflict, e.g. timer_already_running",
  "410": "Gone: too late, e.g. undoing a deletion after its window",
  "413": "Body larger than 1 MB",
  "422": "Idempotency-Key reused with a different request",
  "429": "Rate limited (Retry-After)",
  "503": "The database does not answer",
};

/** The OpenAPI 3.1 document, generated from the operations and the zod schemas that validate them. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, op] of Object.entries(ops) as [string, Operation][]) {
    const errors = new Set(op.errors ?? []);
    if (op.scope !== "public") ["401", "403", "429"].forEach((c) => errors.add(c));
    if (op.params) errors.add("404");
    if (op.body || op.query) errors.add("400");
    if (op.body) errors.add("413");
    if (op.method === "POST" && op.scope !== "public") errors.add("422");
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: {
        description: op.files ? "OK: JSON, or with `format` a file (Content-Disposition: attachment)" : "OK",
        content: {
          "application/json": { schema: toSchema(op.response, "output") },
          ...Object.fromEntries((op.files ?? []).map((type) => [type.split(";")[0], { schema: { type: "string", format: "binary" } }])),
        },
      },
    };
    for (const code of [...errors].sort()) {
      responses[code] = { description: ERROR_TEXT[code] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.scope === "public" ? { security: [] } : {}),
      ...(op.scope && op.scope !== "public" ? { "x-required-scope": op.scope, description: `Requires the scope \`${op.scope}\` (or admin:all).` } : {}),
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Stint API",
      version,
      description:
        "Stint's REST API, compatible with the TimeTracker REST API. Authenticate with an API token as `Authorization: Bearer tt_…` or `X-API-Key: tt_…`. " +
        "Date-times are answered in UTC; input may carry an offset or none (then it is in the user's time zone). Lists paginate with page and per_page (max 100). " +
        `Scopes: ${SCOPES.join(", ")} (admin:all implies all; write does not imply read). Rate limits per token come back in X-RateLimit-* headers.`,
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token: tt_ followed by 32 characters" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
      schemas: { Error: toSchema(errorShape, "output") },
    },
    paths,
  };
}
