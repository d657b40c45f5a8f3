import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "./index";
import { migrateDatabase } from "./migrate";
import { createTestDb, testDatabaseKind, type TestDb } from "./testing";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.cleanup());

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

async function appliedMigrations(): Promise<number> {
  const result = await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}

it("applies every migration exactly once, even when several instances start at once on an empty database", async () => {
  if (testDatabaseKind() === "postgres") {
    const instances = Array.from({ length: 4 }, () => openDatabase(t.target));
    await Promise.all(instances.map((h) => migrateDatabase(h, t.target)));
    await Promise.all(instances.map((h) => h.close()));
  } else {
    await migrateDatabase(t, t.target);
  }
  expect(await appliedMigrations()).toBe(journal.entries.length);
  // A restart finds nothing to do.
  await migrateDatabase(t, t.target);
  expect(await appliedMigrations()).toBe(journal.entries.length);
});
