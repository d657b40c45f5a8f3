import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CURSOR_MAX } from "./cursor-param";

// An opaque paging cursor: base64url of a small JSON tuple, tagged with what it pages ("entries",
// "feed:projects"...). Clients pass it back unchanged; what comes back is validated here (shape, kind,
// value types) and every query that reads it is still scoped to the caller, so a forged cursor can move a
// reader within their own rows, never beyond them.

const cursorText = z.string().max(CURSOR_MAX).regex(/^[A-Za-z0-9_-]+$/);

export function encodeCursor(kind: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString("base64url");
}

const badCursor = () =>
  AppError.validation({ cursor: ["This cursor is not valid: pass back the next_cursor of a previous answer unchanged, or leave it out to start over."] }, "The cursor is not valid.");

/** The values of a cursor of `kind`, checked against `shape`; a 400 in the API's error shape otherwise. */
export function decodeCursor<T extends readonly [z.ZodType, ...z.ZodType[]]>(kind: string, text: string, shape: T): z.output<z.ZodTuple<[...T]>> {
  if (!cursorText.safeParse(text).success) throw badCursor();
  // Only the exact text encodeCursor wrote: base64url decoding ignores stray trailing characters, so a
  // cursor with one appended would otherwise still be read as the original.
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind) throw badCursor();
  const result = z.tuple(shape as unknown as [z.ZodType, ...z.ZodType[]]).safeParse(parsed.slice(1));
  if (!result.success) throw badCursor();
  return result.data as z.output<z.ZodTuple<[...T]>>;
}

/** Parts of cursors: a row id, a page number, and a non-negative bigint (sequence, transaction id, microseconds) as decimal text. */
export const cursorId = z.number().int().min(1).max(2_147_483_647);
export const cursorPage = z.number().int().min(1).max(1_000_000);
export const cursorBigint = z
  .string()
  .regex(/^\d{1,19}$/)
  .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= 2n ** 63n - 1n);
/** Microseconds since the epoch (negative before 1970). */
export const cursorMicros = z
  .string()
  .regex(/^-?\d{1,19}$/)
  .refine((s) => /^-?\d{1,19}$/.test(s) && BigInt(s) <= 2n ** 63n - 1n && BigInt(s) >= -(2n ** 63n));
