import crypto from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const TOKEN_PATTERN = /^tt_[A-Za-z0-9]{32}$/;

/** `tt_` + 32 characters from 62, unbiased (rejection sampling): about 190 bits of randomness. */
export function generateToken(): string {
  let out = "tt_";
  while (out.length < 35) {
    for (const byte of crypto.randomBytes(48)) {
      // 248 = 4 * 62: bytes above it would favour the first letters.
      if (byte < 248 && out.length < 35) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** What lists show so a person can tell tokens apart without the secret part. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 8);
}
