// The realistic history (bench/history-seed.ts) in a PGlite folder of its own, for the benches that run on the
// embedded database alone (bench/pglite-concurrency.ts, bench/pglite-replies.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { seedHistory } from "./history-seed";

/**
 * A new temporary folder whose pgdata holds one user's `entries` entries, and the API token to read them with.
 * `seedDir`: keep the seeded pgdata there and copy it on later runs (seeding 100,000 entries takes a minute).
 */
export async function seededPgliteFolder(entries: number, seedDir?: string): Promise<{ dataDir: string; token: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-pglite-bench-"));
  const saved = seedDir && path.join(seedDir, "token");
  if (saved && fs.existsSync(saved)) {
    fs.cpSync(path.join(seedDir, "pgdata"), path.join(dataDir, "pgdata"), { recursive: true });
    return { dataDir, token: fs.readFileSync(saved, "utf8") };
  }
  const target = { pgliteDir: path.join(dataDir, "pgdata") };
  fs.mkdirSync(target.pgliteDir, { recursive: true });
  const handle = openDatabase(target);
  let token: string;
  try {
    await migrateDatabase(handle, target);
    const user = await seedHistory(handle.db, entries, async (name, fn) => {
      const started = Date.now();
      await fn();
      console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    await handle.db.execute("analyze");
    token = user.token;
  } finally {
    await handle.close();
  }
  if (seedDir) {
    fs.cpSync(target.pgliteDir, path.join(seedDir, "pgdata"), { recursive: true });
    fs.writeFileSync(path.join(seedDir, "token"), token);
  }
  return { dataDir, token };
}
