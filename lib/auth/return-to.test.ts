import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "./return-to";

describe("where sign-in returns to", () => {
  it.each([
    ["/overview?period=month&date=2026-11-01", "/overview?period=month&date=2026-11-01"],
    ["/projects/12#tasks", "/projects/12#tasks"],
    ["/", "/"],
  ])("keeps the path %s", (value, path) => expect(safeReturnPath(value)).toBe(path));

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/sign-in?next=/x",
    "/register",
    undefined,
    42,
  ])("refuses %j (back to the timer)", (value) => expect(safeReturnPath(value)).toBe("/"));

  it("builds the sign-in address with the path to return to", () => {
    expect(signInPath("/overview?period=month&date=2026-11-01")).toBe("/sign-in?next=%2Foverview%3Fperiod%3Dmonth%26date%3D2026-11-01");
    expect(signInPath("/")).toBe("/sign-in");
  });
});
