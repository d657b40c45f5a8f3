import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { queryRows } from "./rows";
import { analyzeChangedTables } from "./statistics";
import { createTestDb, testDatabaseKind, type TestDb } from "./testing";
import { users } from "./schema";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.cleanup());

const reltuples = async (table: string) =>
  Number((await queryRows<{ n: number }>(t.db, sql`select reltuples::float8 as n from pg_class where relname = ${table} and relkind = 'r'`))[0].n);

it("has statistics for every table once the start-up migrations ran (reltuples is no longer -1)", async () => {
  await migrateDatabase(t, t.target);
  expect(await reltuples("time_entries")).toBeGreaterThanOrEqual(0);
  const never = await queryRows<{ relname: string }>(
    t.db,
    sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`,
  );
  expect(never).toEqual([]);
});

it.runIf(testDatabaseKind() === "pglite")("analyzes a table after a large write, and leaves unchanged tables alone", async () => {
  await t.db.execute(sql`insert into ${users} (email, name, password_hash)
    select 'bulk' || g || '@example.com', 'Bulk ' || g, 'x' from generate_series(1, 2000) g`);
  expect(await analyzeChangedTables(t.db)).toEqual(["users"]);
  expect(await reltuples("users")).toBeGreaterThanOrEqual(2000);
  expect(await analyzeChangedTables(t.db)).toEqual([]);
});

it.runIf(testDatabaseKind() === "pglite")("analyzes a table that grew much since its last analysis even when the change counters were lost (a reopened folder)", async () => {
  await t.db.execute(sql`insert into ${users} (email, name, password_hash)
    select 'grown' || g || '@example.com', 'Grown ' || g, 'x' from generate_series(1, 3000) g`);
  // What a reopened PGlite folder looks like: the rows are there, the counters say nothing changed.
  await t.db.execute(sql`select pg_stat_reset()`);
  expect(await analyzeChangedTables(t.db)).toEqual(["users"]);
  expect(await reltuples("users")).toBeGreaterThanOrEqual(5000);
  expect(await analyzeChangedTables(t.db)).toEqual([]);
});
