import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** The data folder (secrets, the lock, the embedded database), created on first use, readable by its owner only. */
export function dataDir(): string {
  const dir = env().dataDir;
  // PGlite does not create parent folders.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function dataPath(...parts: string[]): string {
  return path.join(dataDir(), ...parts);
}
