import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/respond";

// Any other path under /api/v1: a 404 in the API's one error shape, not the site's HTML page, so that
// clients can read every answer of the API as JSON. (Not an operation: it is not in the OpenAPI document.)
const notFound = async (request: Request) =>
  errorResponse(new AppError("not_found", `No such endpoint: ${request.method} ${new URL(request.url).pathname}. See /api/v1/openapi.json.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
