import { AppError, errorForLog } from "@/lib/errors";
import { databaseUnavailable, unavailableReason } from "@/lib/runtime/database-unavailable";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";

/** The API's one error shape: {"error", "message", "error_code"} plus details. */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  const body: Record<string, unknown> = { error: error.message, message: error.message, error_code: error.code };
  if (error.details.fields) body.errors = error.details.fields;
  for (const [key, value] of Object.entries(error.details)) if (key !== "fields") body[key] = value;
  const response = Response.json(body, { status: error.status, headers });
  setApiSecurityHeaders(response.headers);
  // Every 429 says when to come back, also the ones without X-RateLimit-* (password attempts).
  if (typeof error.details.retry_after === "number" && !response.headers.has("Retry-After")) response.headers.set("Retry-After", String(error.details.retry_after));
  return response;
}

/** Anything that is not an AppError: a 500 that reveals nothing, logged with an id to find it by. */
export function unexpectedErrorResponse(error: unknown): Response {
  // The database is down or the server is stopping: a 503 to retry, not a bug to report.
  const unavailable = unavailableReason(error);
  if (unavailable) {
    console.error(`[api] the database is not available (${unavailable})`);
    return errorResponse(databaseUnavailable(), { "Retry-After": "30" });
  }
  const requestId = crypto.randomUUID();
  console.error(`[api] request ${requestId} failed: ${errorForLog(error)}`);
  return errorResponse(new AppError("internal_error", `Something went wrong on our side (request ${requestId}).`, { request_id: requestId }));
}
