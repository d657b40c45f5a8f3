import { describe, expect, it } from "vitest";
import { z } from "zod";
import { id, idRef, money, numeric } from "./fields";

const errorOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0].message;
};

describe("numbers sent by clients", () => {
  it("take JSON numbers and numeric text, and never read true, [5], '' or null as a number", () => {
    const n = numeric(z.number({ error: "number" }));
    expect(n.parse(5)).toBe(5);
    expect(n.parse(" 2.5 ")).toBe(2.5);
    for (const bad of [true, false, [5], "", " ", null, "5 apples", {}]) expect(errorOf(n, bad)).toBe("number");
  });

  it("ids fit the database's 32-bit ids", () => {
    expect(id().parse("42")).toBe(42);
    for (const bad of [0, -1, 1.5, 2_147_483_648, 1e10, true, "abc"]) expect(errorOf(id(), bad)).toMatch(/Must be an id/);
    expect(idRef.parse(null)).toBeNull();
    expect(errorOf(idRef, true)).toMatch(/Must be an id/);
  });

  it("amounts stay within what their column holds", () => {
    expect(money("Estimated hours", 99_999_999).parse(12.5)).toBe(12.5);
    expect(errorOf(money("Estimated hours", 99_999_999), 1e9)).toBe("Estimated hours: at most 99999999.");
    expect(errorOf(money("Hourly rate"), -1)).toBe("Hourly rate cannot be negative.");
    expect(errorOf(money("Hourly rate"), "")).toBe("Hourly rate must be a number.");
  });
});
