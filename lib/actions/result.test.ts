import { describe, expect, it } from "vitest";
import { AppError, emptyFieldErrors } from "@/lib/errors";
import { ApiError, fieldError } from "@/lib/queries/fetch";
import { attempt, unwrap } from "./result";

describe("server action answers", () => {
  it("an AppError becomes data with its code, status, message and fields (a plain object React can pass)", async () => {
    const fields = emptyFieldErrors();
    fields.url = ["Enter a full URL."];
    const result = await attempt(() => Promise.reject(AppError.validation(fields)));
    expect(result).toEqual({ ok: false, error: { code: "validation_error", status: 400, message: "Some fields are not valid.", fields: { url: ["Enter a full URL."] } } });
    expect(Object.getPrototypeOf(result.ok ? null : result.error.fields)).toBe(Object.prototype);
  });

  it("any other error is thrown, not answered (its message may hold what must not reach the browser)", async () => {
    await expect(attempt(() => Promise.reject(new Error("connection string with a password")))).rejects.toThrow("connection string");
  });

  it("unwrap gives the data, or throws the ApiError forms read field errors from", async () => {
    expect(await unwrap(attempt(async () => ({ id: 7 })))).toEqual({ id: 7 });
    const error = await unwrap(attempt(() => Promise.reject(new AppError("not_found", "Webhook not found.")))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "not_found", message: "Webhook not found." });
    const invalid = await unwrap(attempt(() => Promise.reject(AppError.validation({ events: ["Choose at least one event."] })))).catch((e: unknown) => e);
    expect(fieldError(invalid, "events")).toBe("Choose at least one event.");
  });
});
