import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request) => Promise<Response>;

/**
 * Handlers for the methods a route does not serve: 405 in the API's error shape with an Allow header,
 * instead of Next's empty 405, so a client can read every answer of the API as JSON.
 * Use: `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, Handler> {
  const allow = allowed.join(", ");
  const handler: Handler = async (request) =>
    errorResponse(new AppError("method_not_allowed", `${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allow}.`), { Allow: allow });
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as Record<Method, Handler>;
}
