import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { startTimer } from "@/lib/timer/service";
import { connectMemory, linkOf } from "@/e2e/support/sync-engine";
import { createEntry, deleteEntry, restoreEntry, updateEntry } from "./service";

// An entry's tags are written with the entry: its row once per save. time_entries.tag_ids is kept from
// time_entry_tags by the triggers of migration 0021; the app puts the same sorted ids into the entry's own
// INSERT or UPDATE, and writes the tags that go and come in one statement, so the triggers find nothing to do
// (before: a tag replaced was the entry's UPDATE, then a DELETE and an INSERT of tag rows each rewriting the
// row: three versions of it). Counted by a trigger of this test's own database that records every version of
// a time_entries row written.

let t: TestDb;
beforeAll(async () => {
  // The OAuth client Stint would be registered as (lib/integrations/oauth-app.ts), for the memory provider.
  process.env.MEMORY_CLIENT_ID = "stint-test";
  process.env.MEMORY_CLIENT_SECRET = "stint-test-secret";
  t = await createTestDb();
  await t.db.execute(sql`create table entry_row_writes (entry_id integer not null, op text not null)`);
  await t.db.execute(sql`create function record_entry_row_write() returns trigger language plpgsql as $$
    begin insert into entry_row_writes values (new.id, tg_op); return null; end $$`);
  await t.db.execute(sql`create trigger record_entry_row_write after insert or update on time_entries for each row execute function record_entry_row_write()`);
});
afterAll(() => t.cleanup());

const rowWrites = async (entryId: number) =>
  (await queryRows<{ op: string }>(t.db, sql`select op from entry_row_writes where entry_id = ${entryId}`)).map((r) => r.op);

/** How many versions of the entry's row `run` wrote. */
async function writesOf(entryId: number, run: () => Promise<unknown>): Promise<number> {
  const before = (await rowWrites(entryId)).length;
  await run();
  return (await rowWrites(entryId)).length - before;
}

/** The entry's tag_ids, the sorted ids of its tag rows, and its change stamp. */
async function tagState(entryId: number) {
  const [row] = await queryRows<{ tag_ids: number[]; tag_rows: number[]; seq: string }>(
    t.db,
    sql`select e.tag_ids, array(select et.tag_id from time_entry_tags et where et.entry_id = e.id order by et.tag_id) as tag_rows, e.change_seq::text as seq
          from time_entries e where e.id = ${entryId}`,
  );
  return { tagIds: row.tag_ids.map(Number), tagRows: row.tag_rows.map(Number), seq: BigInt(row.seq) };
}

const tagIdsByName = async (workspaceId: number, names: string[]) =>
  (await queryRows<{ id: number }>(t.db, sql`select id from tags where workspace_id = ${workspaceId} and name = any(${sql.param(names)}::text[]) order by id`)).map((r) => Number(r.id));

it("a new entry with tags, saved or started, is one write of its row, with its tag_ids", async () => {
  const user = await makeUser(t.db);
  const saved = await createEntry(t.db, user, { notes: "Saved", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z", tags: ["zeta", "alpha"] });
  expect(await rowWrites(saved.entry.id)).toEqual(["INSERT"]);
  expect(await tagState(saved.entry.id)).toMatchObject({ tagIds: await tagIdsByName(user.workspaceId, ["zeta", "alpha"]), tagRows: await tagIdsByName(user.workspaceId, ["zeta", "alpha"]) });
  const started = await startTimer(t.db, user, { notes: "Running", tags: ["alpha", "omega"] }, { stopRunning: true });
  expect(await rowWrites(started.entry.id)).toEqual(["INSERT"]);
  const { tagIds, tagRows } = await tagState(started.entry.id);
  expect(tagIds).toEqual(await tagIdsByName(user.workspaceId, ["alpha", "omega"]));
  expect(tagRows).toEqual(tagIds);
});

it("an edit of the tags writes the row once; tag_ids stays its tag rows' sorted ids; the feed and the sync link see the change as before", async () => {
  const user = await makeUser(t.db);
  const { project } = await connectMemory(t.db, user);
  const e = await createEntry(t.db, user, { project_id: project.id, notes: "Synced", start_time: "2026-03-03T09:00:00Z", end_time: "2026-03-03T10:00:00Z", tags: ["a", "b"] });
  const id = e.entry.id;
  const link0 = await linkOf(t.db, id);
  const s0 = await tagState(id);

  // One tag goes (a), one comes (c, created on the way): one write, as any edit.
  expect(await writesOf(id, () => updateEntry(t.db, user, id, { tags: ["c", "b"] }))).toBe(1);
  const s1 = await tagState(id);
  expect(s1.tagIds).toEqual(await tagIdsByName(user.workspaceId, ["b", "c"]));
  expect(s1.tagRows).toEqual(s1.tagIds);
  expect(s1.seq > s0.seq).toBe(true); // the change feed sends the entry again
  // The tag triggers of migration 0016 mark the link as before: once for the tag gone, once for the tag come.
  const link1 = await linkOf(t.db, id);
  expect(link1).toMatchObject({ state: "pending", version: link0.version + 2 });

  // The same tags again (another order, another case): the entry's own write, and the link is not sent again.
  expect(await writesOf(id, () => updateEntry(t.db, user, id, { tags: ["B", "c"] }))).toBe(1);
  expect((await tagState(id)).tagIds).toEqual(s1.tagIds);
  expect((await linkOf(t.db, id)).version).toBe(link1.version);

  // Another field only: tags untouched.
  expect(await writesOf(id, () => updateEntry(t.db, user, id, { notes: "Synced, renamed" }))).toBe(1);
  expect(await tagState(id)).toMatchObject({ tagIds: s1.tagIds, tagRows: s1.tagIds });
  const link2 = await linkOf(t.db, id);

  // Every tag removed.
  expect(await writesOf(id, () => updateEntry(t.db, user, id, { tags: [] }))).toBe(1);
  expect(await tagState(id)).toMatchObject({ tagIds: [], tagRows: [] });
  expect((await linkOf(t.db, id)).version).toBe(link2.version + 1);

  // Every write above was an UPDATE of the one row (the trigger of this test saw each).
  expect(await rowWrites(id)).toEqual(["INSERT", "UPDATE", "UPDATE", "UPDATE", "UPDATE"]);
});

it("an entry restored from the trash is one write of its row, with the tag ids of its tags that still exist", async () => {
  const user = await makeUser(t.db);
  const e = await createEntry(t.db, user, { notes: "Undone", start_time: "2026-03-04T09:00:00Z", end_time: "2026-03-04T10:00:00Z", tags: ["keep", "gone", "also"] });
  const id = e.entry.id;
  await deleteEntry(t.db, user, id);
  // One of its tags is deleted while the entry is in the trash: it does not come back.
  await t.db.execute(sql`delete from tags where workspace_id = ${user.workspaceId} and name = 'gone'`);
  const before = (await rowWrites(id)).length;
  await restoreEntry(t.db, user, id);
  expect((await rowWrites(id)).slice(before)).toEqual(["INSERT"]);
  const kept = await tagIdsByName(user.workspaceId, ["keep", "also"]);
  expect(await tagState(id)).toMatchObject({ tagIds: kept, tagRows: kept });
});
