import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, openJson, parseKey, seal, sealJson } from "./secret-box";

const key = crypto.randomBytes(32);

describe("credentials at rest (AES-256-GCM)", () => {
  it("round-trips, and never shows the plaintext", () => {
    const secret = "1000.refresh-token-abc123";
    const sealed = seal(secret, "connection:1", key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("refresh");
    expect(open(sealed, "connection:1", key)).toBe(secret);
    expect(seal(secret, "connection:1", key)).not.toBe(sealed); // a fresh IV each time
    expect(openJson(sealJson({ refresh_token: "r", dc: "eu" }, "c:2", key), "c:2", key)).toEqual({ refresh_token: "r", dc: "eu" });
  });

  it("refuses a wrong key, another row's context, and tampering", () => {
    const sealed = seal("secret", "connection:1", key);
    expect(() => open(sealed, "connection:1", crypto.randomBytes(32))).toThrow();
    expect(() => open(sealed, "connection:2", key)).toThrow();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(() => open([v, iv, tag, flipped.toString("base64url")].join("."), "connection:1", key)).toThrow();
    expect(() => open("plain text", "connection:1", key)).toThrow("Not a sealed value");
  });

  it("reads keys as hex or base64 and refuses other lengths", () => {
    const raw = crypto.randomBytes(32);
    expect(parseKey(raw.toString("hex")).equals(raw)).toBe(true);
    expect(parseKey(raw.toString("base64")).equals(raw)).toBe(true);
    expect(() => parseKey("too-short")).toThrow(/32 bytes/);
  });
});
