import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

const cache = globalThis as unknown as { __stintSecrets?: Map<string, string> };

/**
 * A secret kept in the data folder, made on first use: the first run needs no configuration, and
 * sessions (signed with it) survive restarts. Written with `wx` so that when two processes race, one
 * file wins and both read it.
 */
export function persistentSecret(name: string, dir: string = dataDir()): string {
  const secrets = (cache.__stintSecrets ??= new Map());
  const file = path.join(dir, `${name}.secret`);
  const known = secrets.get(file);
  if (known) return known;
  let value: string;
  try {
    value = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, value, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    value = readWhenWritten(file);
  }
  secrets.set(file, value);
  return value;
}

function readWhenWritten(file: string): string {
  // The winner of the race may not have written its bytes yet.
  for (let i = 0; i < 50; i++) {
    const value = fs.readFileSync(file, "utf8").trim();
    if (value.length >= 32) return value;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  throw new Error(`${file} is empty or too short; delete it to have a new secret made`);
}
