import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrationsFolder } from "./index";
import type { TestDb } from "./testing";

// For migration tests: a database as an older main left it, built from the migrations before a given one.

/** A folder with the migrations whose tag sorts before `tag` (e.g. "0009"), and its removal. */
export function migrationsBefore(tag: string): { folder: string; remove(): void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `stint-before-${tag}-`));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  fs.mkdirSync(path.join(folder, "meta"));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** Applies the migrations of `folder` to the test database, on PGlite or PostgreSQL. */
export async function migrateTo(t: TestDb, folder: string): Promise<void> {
  if ("url" in t.target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(t.target.url, { max: 1, onnotice: () => {} });
    await migrate(drizzle(client), { migrationsFolder: folder });
    await client.end({ timeout: 5 });
  } else {
    await migratePglite(t.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }
}
