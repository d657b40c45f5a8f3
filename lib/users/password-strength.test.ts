import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "./password-strength";

describe("weakPasswordReason", () => {
  it("refuses common and breached passwords, with zxcvbn's reason", () => {
    expect(weakPasswordReason("qwerty12")).toMatch(/^This is (a commonly used password|similar to a commonly used password)/);
    expect(weakPasswordReason("password123")).toMatch(/commonly used password/);
    expect(weakPasswordReason("P@ssw0rd!")).toMatch(/commonly used password|easy to guess|predictable/i);
    expect(weakPasswordReason("iloveyou2")).not.toBeNull();
    expect(weakPasswordReason("aaaaaaaaaaaa")).toMatch(/Repeated characters/);
  });
  it("refuses a password made of the user's own name or email", () => {
    expect(weakPasswordReason("rita.register1", { email: "rita.register@example.com", name: "Rita Register" })).not.toBeNull();
  });
  it("accepts passphrases and random strings", () => {
    for (const strong of ["rita's long passphrase", "a fine passphrase", "pass 3f9a0c1b7e2d", "correct horse battery staple"]) expect(weakPasswordReason(strong), strong).toBeNull();
  });
});
