import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

// 0021 copies each entry's tag ids onto the entry (time_entries.tag_ids, sorted) and keeps them there by
// triggers on time_entry_tags: the reports group and filter by that column. Built on a database as main
// left it (migrations up to 0020).

let t: TestDb;
let before: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before = migrationsBefore("0021");
});
afterAll(async () => {
  await t.cleanup();
  before.remove();
});

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];
const tagIds = async () =>
  (await queryRows<{ id: number; tag_ids: number[] }>(t.db, sql`select id, tag_ids from time_entries order by id`)).map((r) => r.tag_ids.map(Number));

it("0021 fills tag_ids without stamping the entries as changed; from then on every way tags change keeps it exact", async () => {
  await migrateTo(t, before.folder);
  const user = await one<{ id: number }>(sql`insert into users (email, name, password_hash) values ('a@example.com', 'A', 'x') returning id`);
  const ws = await one<{ id: number }>(sql`insert into workspaces (name) values ('A') returning id`);
  await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws.id}, ${user.id}, 'owner')`);
  const [a, b, c] = await queryRows<{ id: number }>(t.db, sql`insert into tags (workspace_id, name) values (${ws.id}, 'a'), (${ws.id}, 'b'), (${ws.id}, 'c') returning id`);
  const entries = await queryRows<{ id: number }>(
    t.db,
    sql`insert into time_entries (workspace_id, user_id, start_at, end_at)
        select ${ws.id}, ${user.id}, timestamptz '2025-01-01' + i * interval '1 day', timestamptz '2025-01-01' + i * interval '1 day' + interval '1 hour'
        from generate_series(1, 3) i returning id`,
  );
  // Inserted in an order other than the ids': tag_ids is sorted.
  await t.db.execute(sql`insert into time_entry_tags (workspace_id, entry_id, tag_id) values
    (${ws.id}, ${entries[0].id}, ${c.id}), (${ws.id}, ${entries[0].id}, ${a.id}), (${ws.id}, ${entries[1].id}, ${b.id})`);
  const seqBefore = await queryRows<{ id: number; seq: string }>(t.db, sql`select id, change_seq::text as seq from time_entries order by id`);

  await migrateDatabase(t, t.target);

  expect(await tagIds()).toEqual([[a.id, c.id], [b.id], []]);
  expect(await queryRows(t.db, sql`select id, change_seq::text as seq from time_entries order by id`)).toEqual(seqBefore);

  // Adding a tag (one statement for two entries), removing one, a tag deleted, an entry's tag rows changed.
  await t.db.execute(sql`insert into time_entry_tags (workspace_id, entry_id, tag_id) values (${ws.id}, ${entries[1].id}, ${a.id}), (${ws.id}, ${entries[2].id}, ${c.id})`);
  expect(await tagIds()).toEqual([[a.id, c.id], [a.id, b.id], [c.id]]);
  const stamped = await one<{ newer: boolean }>(sql`select change_seq > ${seqBefore[1].seq}::bigint as newer from time_entries where id = ${entries[1].id}`);
  expect(stamped.newer).toBe(true); // a change of the entry's tags is a change of the entry (the feed sends it)
  await t.db.execute(sql`delete from time_entry_tags where entry_id = ${entries[0].id} and tag_id = ${c.id}`);
  expect(await tagIds()).toEqual([[a.id], [a.id, b.id], [c.id]]);
  await t.db.execute(sql`delete from tags where id = ${a.id}`);
  expect(await tagIds()).toEqual([[], [b.id], [c.id]]);
  await t.db.execute(sql`update time_entry_tags set tag_id = ${b.id} where entry_id = ${entries[2].id}`);
  expect(await tagIds()).toEqual([[], [b.id], [b.id]]);
  // Deleting a tagged entry (its tag rows go by cascade) leaves the others as they were.
  await t.db.execute(sql`delete from time_entries where id = ${entries[1].id}`);
  expect(await tagIds()).toEqual([[], [b.id]]);
});
