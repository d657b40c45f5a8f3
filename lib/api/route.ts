import { getDb, type Db } from "@/db";
import { AppError } from "@/lib/errors";
import { errorResponse, unexpectedErrorResponse } from "./respond";

export type RouteContext = { db: Db; request: Request };

/**
 * The wrapper every /api/v1 handler is: it hands the handler the database and turns every error into
 * the one error shape. (Token authentication, scopes and rate limits join it with the REST API.)
 */
export function publicRoute(handler: (ctx: RouteContext) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handler({ db: getDb(), request });
    } catch (error) {
      return error instanceof AppError ? errorResponse(error) : unexpectedErrorResponse(error);
    }
  };
}
