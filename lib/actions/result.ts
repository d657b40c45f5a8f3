import { AppError, plainFieldErrors, type FieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/queries/fetch";

// What a server action answers a client component with. Next hides a thrown error's message from the
// browser in production, so an action catches the domain's AppError and answers it as data (the API's
// error fields); the client turns it back into the ApiError its forms and toasts already read.

export type ActionError = { code: string; status: number; message: string; fields: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Runs the service call; an AppError becomes the answer, anything else is thrown (a generic 500). */
export async function attempt<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, error: { code: error.code, status: error.status, message: error.message, fields: plainFieldErrors(error.details.fields) ?? {} } };
  }
}

/** The data of an answer, or its error thrown as the ApiError fetch() would throw (fieldError(), toasts). */
export async function unwrap<T>(answer: Promise<ActionResult<T>>): Promise<T> {
  const result = await answer;
  if (result.ok) return result.data;
  throw new ApiError(result.error.status, result.error.code, result.error.message, result.error.fields);
}
