import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

// 0022 adds columns PostgreSQL derives from each entry (generated): its instants as whole numbers and its one
// tag, for the reports' integer arithmetic (lib/reports/builder/pieces-sql.ts). Built on a database as main
// left it (migrations up to 0021): the existing entries get them without being stamped as changed, and every
// later write keeps them exact.

let t: TestDb;
let before: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before = migrationsBefore("0022");
});
afterAll(async () => {
  await t.cleanup();
  before.remove();
});

type Cols = { start_utc_day: number; start_utc_second: number; end_utc_second: number | null; duration_seconds: number | null; sole_tag_id: number };
const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];
const cols = async (id: number) =>
  one<Cols>(sql`select start_utc_day, start_utc_second, end_utc_second, duration_seconds, sole_tag_id from time_entries where id = ${id}`);
const day = (iso: string) => Date.parse(iso) / 86_400_000;

it("0022 derives each entry's whole-number instants and its one tag, rounding as the reports do, and keeps them", async () => {
  await migrateTo(t, before.folder);
  const user = await one<{ id: number }>(sql`insert into users (email, name, password_hash) values ('a@example.com', 'A', 'x') returning id`);
  const ws = await one<{ id: number }>(sql`insert into workspaces (name) values ('A') returning id`);
  await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws.id}, ${user.id}, 'owner')`);
  const entry = async (start: string, end: string | null) =>
    (await one<{ id: number }>(sql`insert into time_entries (workspace_id, user_id, start_at, end_at) values (${ws.id}, ${user.id}, ${start}::timestamptz, ${end}::timestamptz) returning id`)).id;
  const acrossUtcMidnight = await entry("2025-03-30T00:59:59.4Z", "2025-03-31T01:00:00.6Z");
  const before1970 = await entry("1969-12-31T23:00:00.25Z", "1970-01-01T00:30:00Z");
  const halfSecond = await entry("2025-06-01T10:00:00Z", "2025-06-01T10:00:01.5Z");
  const running = await entry("2025-06-02T08:00:00Z", null);
  // Saved before the length rule: longer than an int of seconds may say (its end's columns are left null).
  const decades = await entry("1950-01-01T00:00:00Z", "2010-06-01T00:00:00Z");
  const [a, b] = await queryRows<{ id: number }>(t.db, sql`insert into tags (workspace_id, name) values (${ws.id}, 'a'), (${ws.id}, 'b') returning id`);
  await t.db.execute(sql`insert into time_entry_tags (workspace_id, entry_id, tag_id) values
    (${ws.id}, ${halfSecond}, ${b.id}), (${ws.id}, ${before1970}, ${a.id}), (${ws.id}, ${before1970}, ${b.id})`);
  const seqBefore = await queryRows(t.db, sql`select id, change_seq::text as seq from time_entries order by id`);

  await migrateDatabase(t, t.target);

  expect(await cols(acrossUtcMidnight)).toEqual({ start_utc_day: day("2025-03-30"), start_utc_second: 3599, end_utc_second: 86_400 + 3601, duration_seconds: 86_401, sole_tag_id: 0 });
  expect(await cols(before1970)).toEqual({ start_utc_day: -1, start_utc_second: 82_800, end_utc_second: 86_400 + 1800, duration_seconds: 5400, sole_tag_id: -1 });
  expect(await cols(halfSecond)).toEqual({ start_utc_day: day("2025-06-01"), start_utc_second: 36_000, end_utc_second: 36_002, duration_seconds: 2, sole_tag_id: b.id });
  expect(await cols(running)).toEqual({ start_utc_day: day("2025-06-02"), start_utc_second: 28_800, end_utc_second: null, duration_seconds: null, sole_tag_id: 0 });
  expect(await cols(decades)).toEqual({ start_utc_day: day("1950-01-01"), start_utc_second: 0, end_utc_second: null, duration_seconds: null, sole_tag_id: 0 });
  // The table was rewritten, not updated: no entry is stamped as changed (a sync client fetches none again).
  expect(await queryRows(t.db, sql`select id, change_seq::text as seq from time_entries order by id`)).toEqual(seqBefore);

  // Stopping the timer, moving an entry, its tags changing: the columns follow.
  await t.db.execute(sql`update time_entries set end_at = '2025-06-02T09:30:00.2Z' where id = ${running}`);
  expect(await cols(running)).toMatchObject({ end_utc_second: 28_800 + 5401, duration_seconds: 5400 });
  await t.db.execute(sql`update time_entries set start_at = '2025-06-01T09:59:59Z' where id = ${halfSecond}`);
  expect(await cols(halfSecond)).toMatchObject({ start_utc_second: 35_999, end_utc_second: 36_002, duration_seconds: 3 });
  await t.db.execute(sql`delete from time_entry_tags where entry_id = ${before1970} and tag_id = ${a.id}`);
  await t.db.execute(sql`insert into time_entry_tags (workspace_id, entry_id, tag_id) values (${ws.id}, ${acrossUtcMidnight}, ${a.id}), (${ws.id}, ${acrossUtcMidnight}, ${b.id})`);
  expect([(await cols(before1970)).sole_tag_id, (await cols(acrossUtcMidnight)).sole_tag_id]).toEqual([b.id, -1]);
  // Written by PostgreSQL only.
  await expect(t.db.execute(sql`update time_entries set duration_seconds = 1 where id = ${running}`)).rejects.toThrow();
});
