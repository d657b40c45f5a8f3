import { describe, expect, it } from "vitest";
import { notesProblem } from "./notes";
import { requiredNotes } from "./schema";

describe("a session name checked without zod", () => {
  it.each(["", "   ", "\n\t", "a", " Design review ", "x".repeat(500), ` ${"x".repeat(500)} `, "x".repeat(501), "  ✓  "])("agrees with the zod schema on %j", (text) => {
    const parsed = requiredNotes.safeParse(text);
    expect(notesProblem(text)).toBe(parsed.success ? undefined : parsed.error.issues[0].message);
  });

  it("says what to do", () => {
    expect(notesProblem(" ")).toBe("Give the session a name.");
    expect(notesProblem("x".repeat(501))).toBe("Use at most 500 characters.");
  });
});
