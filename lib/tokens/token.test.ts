import { describe, expect, it } from "vitest";
import { hasScope } from "./scopes";
import { generateToken, hashToken, TOKEN_PATTERN, tokenPrefix } from "./token";

describe("API tokens", () => {
  it("are tt_ followed by 32 letters and digits, and never repeat", () => {
    const tokens = Array.from({ length: 2000 }, generateToken);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("use the whole alphabet about evenly", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of generateToken().slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (2000 * 32) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.25);
  });

  it("hash to a stable SHA-256 and show only a short prefix", () => {
    // sha256 of "tt_abc", as `printf tt_abc | sha256sum` prints it.
    expect(hashToken("tt_abc")).toBe("636b65faff6f286abacc20fcfe0913e5c2fead167b2d81c558a889abaec53042");
    expect(hashToken("tt_abc")).not.toBe(hashToken("tt_abd"));
    expect(tokenPrefix("tt_ABCDEFGHIJ")).toBe("tt_ABCDE");
  });
});

describe("scopes", () => {
  it("admin:all implies every scope; write does not imply read", () => {
    expect(hasScope(["admin:all"], "read:reports")).toBe(true);
    expect(hasScope(["write:projects"], "read:projects")).toBe(false);
    expect(hasScope(["read:projects"], "read:projects")).toBe(true);
  });
});
