import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createTestDb, testDatabaseKind, type TestDb } from "@/db/testing";
import { reportRows } from "./run-sql";

// A report's statement runs with its own work_mem and a plan made for its own parameters, for that
// transaction only; on PostgreSQL no statement of the app is JIT-compiled.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.cleanup());

const settings = sql`select current_setting('work_mem') as work_mem, current_setting('plan_cache_mode') as plan_cache_mode, current_setting('jit') as jit`;

it("gives a report's statement 64 MB and a custom plan, and only that transaction", async () => {
  const [inside] = await reportRows<Record<string, string>>(t.db, settings);
  expect(inside).toMatchObject({ work_mem: "64MB", plan_cache_mode: "force_custom_plan" });
  const [after] = await queryRows<Record<string, string>>(t.db, settings);
  expect(after).toMatchObject({ work_mem: "4MB", plan_cache_mode: "auto" });
});

it.runIf(testDatabaseKind() === "postgres")("opens PostgreSQL connections with JIT off", async () => {
  // Several at once: each new connection of the pool, not only the first.
  const rows = await Promise.all(Array.from({ length: 4 }, () => queryRows<{ jit: string }>(t.db, sql`select current_setting('jit') as jit, pg_sleep(0.05)`)));
  expect(rows.map((r) => r[0].jit)).toEqual(["off", "off", "off", "off"]);
});
