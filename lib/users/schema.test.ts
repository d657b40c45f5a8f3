import { describe, expect, it } from "vitest";
import { registerSchema, signInSchema } from "./schema";

const valid = { email: "  Ann@Example.COM ", name: " Ann ", password: "long enough pass" };

describe("registration input", () => {
  it("normalises email and name", () => {
    const out = registerSchema.parse(valid);
    expect(out.email).toBe("ann@example.com");
    expect(out.name).toBe("Ann");
  });

  it.each([
    ["short", "Use at least 8 characters."],
    ["ann@example.com", "must not be your email"],
  ])("rejects the password %j with a message saying why (guessability: password-strength.test.ts)", (password, message) => {
    const result = registerSchema.safeParse({ ...valid, password });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === "password");
    expect(issue?.message).toContain(message);
  });

  it("rejects a malformed email and an empty name with field messages", () => {
    const result = registerSchema.safeParse({ ...valid, email: "ann@", name: "  " });
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(fields.email).toMatch(/valid email/);
    expect(fields.name).toBe("Enter your name.");
  });

  it("keeps a real time zone and drops an unknown one instead of failing the registration", () => {
    expect(registerSchema.parse({ ...valid, timezone: "America/New_York" }).timezone).toBe("America/New_York");
    expect(registerSchema.parse({ ...valid, timezone: "Mars/Olympus" }).timezone).toBeUndefined();
    expect(registerSchema.parse({ ...valid, weekStart: "0" }).weekStart).toBe(0);
    expect(registerSchema.parse({ ...valid, weekStart: "9" }).weekStart).toBeUndefined();
  });
});

describe("sign-in input", () => {
  it("asks for a password and normalises the email", () => {
    expect(signInSchema.safeParse({ email: "a@b.co", password: "" }).error!.issues[0].message).toBe("Enter your password.");
    expect(signInSchema.parse({ email: "A@B.CO", password: "x" }).email).toBe("a@b.co");
  });
});
