import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cursorId, cursorPage, decodeCursor, encodeCursor } from "./cursor";

const shape = [cursorId, cursorPage] as const;

describe("opaque cursors", () => {
  it("read back what was written", () => {
    expect(decodeCursor("entries", encodeCursor("entries", [42, 3]), shape)).toEqual([42, 3]);
  });

  it("refuse a cursor with anything appended, whatever its length (base64url decoding would ignore a stray last character)", () => {
    // Ids of 1 to 6 digits give encodings of every length modulo 4.
    for (const id of [1, 12, 123, 1234, 12345, 123456]) {
      const cursor = encodeCursor("entries", [id, 2]);
      for (const extra of ["A", "Q", "AA", "_"]) {
        expect(() => decodeCursor("entries", cursor + extra, shape), `${cursor}+${extra}`).toThrow(AppError);
      }
    }
  });

  it("refuse another kind's cursor and values of the wrong type", () => {
    expect(() => decodeCursor("entries", encodeCursor("feed:projects", [1, 2]), shape)).toThrow(AppError);
    expect(() => decodeCursor("entries", encodeCursor("entries", ["1", 2]), shape)).toThrow(AppError);
  });
});
