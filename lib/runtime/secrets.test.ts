import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { persistentSecret } from "./secrets";

it("makes a secret once, readable by its owner only, and returns the same one in every later process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-secret-"));
  const first = persistentSecret("auth", dir);
  expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(fs.statSync(path.join(dir, "auth.secret")).mode & 0o777).toBe(0o600);
  // A new process (a restart) reads the same file.
  const other = spawnSync(
    "node_modules/.bin/tsx",
    ["-e", `import { persistentSecret } from "./lib/runtime/secrets"; process.stdout.write(persistentSecret("auth", ${JSON.stringify(dir)}));`],
    { cwd: process.cwd(), encoding: "utf8" },
  );
  expect(other.stdout).toBe(first);
  expect(persistentSecret("other", dir)).not.toBe(first);
});
