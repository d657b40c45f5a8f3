import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { createTestDb, testDatabaseKind, type TestDb } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import type { MemberActor } from "@/lib/workspaces/actor";
import { listEntryChanges } from "./changes";
import { createEntry, deleteEntry, updateEntry } from "./service";

// The entries feed: GET /time-entries?updated_since=…, then ?cursor=… (lib/changes/feed.ts).

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

type Item = Awaited<ReturnType<typeof listEntryChanges>>["items"][number];
const SINCE = "2000-01-01T00:00:00Z";
const feed = (actor: MemberActor, extra: { cursor?: string; include_deleted?: boolean; per_page?: number; user_id?: number; updated_since?: string } = {}) =>
  listEntryChanges(t.db, actor, { page: 1, per_page: 50, ...(extra.cursor ? {} : { updated_since: SINCE }), ...extra } as Parameters<typeof listEntryChanges>[2]);
const label = (i: Item) => ("deleted" in i ? `deleted ${i.id}` : i.entry.description);
let day = 0;
const entry = async (user: MemberActor, notes: string) => {
  day++;
  const start = new Date(Date.UTC(2026, 0, 1) + day * 3_600_000);
  return (await createEntry(t.db, user, { notes, start_time: start.toISOString(), end_time: new Date(start.getTime() + 600_000).toISOString() })).entry.id;
};

/** Follows the cursor until nothing more is ready; answers what came and the cursor to resume with. */
async function drain(actor: MemberActor, cursor: string, opts: { include_deleted?: boolean; per_page?: number } = {}) {
  const items: Item[] = [];
  for (;;) {
    const page = await feed(actor, { cursor, ...opts });
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!page.has_more) return { items, cursor };
  }
}

describe("the entries feed", () => {
  it("lists changes oldest first; an edited entry comes again after the others; a cursor resumes after the last one", async () => {
    const user = await makeUser(t.db);
    const a = await entry(user, "a");
    await entry(user, "b");
    await entry(user, "c");
    await updateEntry(t.db, user, a, { notes: "a, edited" });
    const first = await feed(user, { per_page: 2 });
    expect([first.items.map(label), first.has_more]).toEqual([["b", "c"], true]);
    const rest = await feed(user, { cursor: first.next_cursor, per_page: 2 });
    expect([rest.items.map(label), rest.has_more]).toEqual([["a, edited"], false]);
    const idle = await feed(user, { cursor: rest.next_cursor });
    expect([idle.items, idle.next_cursor]).toEqual([[], rest.next_cursor]);
    await entry(user, "d");
    expect((await feed(user, { cursor: idle.next_cursor })).items.map(label)).toEqual(["d"]);
    // updated_since: only what changed from then on.
    const later = await feed(user, { updated_since: new Date(Date.now() + 60_000).toISOString() });
    expect(later.items).toEqual([]);
    expect((await feed(user, { cursor: later.next_cursor })).items).toEqual([]);
  });

  it("answers deletions as tombstones {id, deleted, deleted_at} with include_deleted only, in their place in the order", async () => {
    const user = await makeUser(t.db);
    const start = await feed(user);
    const gone = await entry(user, "gone");
    await entry(user, "kept");
    await deleteEntry(t.db, user, gone, new Date("2026-02-01T10:00:00Z"));
    const withDeleted = await drain(user, start.next_cursor, { include_deleted: true });
    expect(withDeleted.items.map(label)).toEqual(["kept", `deleted ${gone}`]);
    const tombstone = withDeleted.items[1];
    expect(tombstone).toEqual({ id: gone, deleted: true, deleted_at: expect.any(String) });
    expect((await drain(user, start.next_cursor)).items.map(label)).toEqual(["kept"]);
  });

  it("shows a member their own entries only, another workspace nothing; user_id of someone else is refused to a member", async () => {
    const owner = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const member = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db)).id, "member");
    await entry(owner, "owner's");
    await entry(member, "member's");
    await entry(stranger, "stranger's");
    expect((await feed(member)).items.map(label)).toEqual(["member's"]);
    expect((await feed(owner)).items.map(label)).toEqual(["owner's"]);
    expect((await feed(owner, { user_id: member.userId, include_deleted: true })).items.map(label)).toEqual(["member's"]);
    expect((await feed(stranger, { include_deleted: true })).items.map(label)).toEqual(["stranger's"]);
    const refused = await feed(member, { user_id: owner.id }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe("forbidden");
    // A cursor of another list, or a bad date, is a 400.
    const bad = await feed(owner, { updated_since: "yesterday" }).catch((e: unknown) => e);
    expect([(bad as AppError).code, Object.keys((bad as AppError).details?.fields ?? {})]).toEqual(["validation_error", ["updated_since"]]);
  });

  it("misses no change under concurrent writers: every entry's last state reaches a reader polling meanwhile", async () => {
    const user = await makeUser(t.db);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await entry(user, `w${i}`));
    let cursor = (await feed(user, { updated_since: new Date(Date.now() + 3_600_000).toISOString() })).next_cursor;
    const seen = new Map<number, string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const page = await drain(user, cursor, { per_page: 3 });
        for (const i of page.items) if (!("deleted" in i)) seen.set(i.entry.id, i.entry.description);
        cursor = page.cursor;
      }
    })();
    await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let round = 0; round < 6; round++) await updateEntry(t.db, user, ids[(w * 2 + round) % ids.length], { notes: `w${w} r${round}` });
      }),
    );
    writing = false;
    await reader;
    for (const i of (await drain(user, cursor)).items) if (!("deleted" in i)) seen.set(i.entry.id, i.entry.description);
    const final = await queryRows<{ id: number; description: string }>(t.db, sql`select id, description from time_entries where user_id = ${user.id} order by id`);
    expect(final.map((r) => [r.id, seen.get(r.id)])).toEqual(final.map((r) => [r.id, r.description]));
  });

  // PGlite has one connection: its transactions never interleave.
  it.runIf(testDatabaseKind() === "postgres")("serves a change that took a lower sequence number but committed after a higher one (two connections)", async () => {
    const user = await makeUser(t.db);
    const early = await entry(user, "early");
    const late = await entry(user, "late");
    let cursor = (await feed(user, { updated_since: new Date(Date.now() + 3_600_000).toISOString() })).next_cursor;
    const other = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let updated!: () => void;
      const holding = new Promise<void>((r) => (updated = r));
      // Transaction 1 takes its sequence number first, and commits last.
      const slow = other.begin(async (tx) => {
        await tx`update time_entries set description = 'early, committed late' where id = ${early}`;
        updated();
        await released;
      });
      await holding;
      await updateEntry(t.db, user, late, { notes: "late, committed first" });
      const during = await drain(user, cursor);
      cursor = during.cursor;
      release();
      await slow;
      const after = await drain(user, cursor);
      const seen = [...during.items, ...after.items].map(label);
      expect(seen).toContain("early, committed late");
      expect(seen).toContain("late, committed first");
    } finally {
      await other.end({ timeout: 5 });
    }
  });
});
