import crypto from "node:crypto";
import { env } from "@/lib/env";
import { persistentSecret } from "@/lib/runtime/secrets";

// Credentials of outside systems (refresh tokens, API keys) are stored encrypted with AES-256-GCM: a
// database dump or backup alone does not reveal them. The key comes from STINT_ENCRYPTION_KEY, or is
// generated once into the data folder (then the data folder and the database must be backed up together).

const VERSION = "v1";

/** Reads a 32-byte key given as base64, base64url or hex. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64url");
  if (key.length !== 32) throw new Error("STINT_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`).");
  return key;
}

let cached: Buffer | undefined;
export function encryptionKey(): Buffer {
  cached ??= parseKey(env().STINT_ENCRYPTION_KEY ?? persistentSecret("encryption"));
  return cached;
}

/**
 * "v1.<iv>.<tag>.<ciphertext>" (base64url). `context` (e.g. "connection:12") is authenticated data: a
 * ciphertext copied to another row does not decrypt there.
 */
export function seal(plaintext: string, context: string, key: Buffer = encryptionKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(sealed: string, context: string, key: Buffer = encryptionKey()): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** JSON credentials in and out of their sealed form. */
export const sealJson = (value: unknown, context: string, key?: Buffer) => seal(JSON.stringify(value), context, key);
export const openJson = <T>(sealed: string, context: string, key?: Buffer): T => JSON.parse(open(sealed, context, key)) as T;
