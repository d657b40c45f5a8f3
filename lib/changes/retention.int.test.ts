import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { queryRows } from "@/db/rows";
import { createClient, deleteClient, listClientChanges } from "@/lib/clients/service";
import { makeUser } from "@/lib/testing/users";
import { FEED_RETENTION_DAYS, purgeOldTombstones } from "./retention";

// Deletions stay in the feed for the retention; after the purge, a feed that would have needed a purged
// deletion is a 410 (list again), never a silent gap. Rows that still exist are unaffected.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const DAY = 86_400_000;
const feed = (extra: Record<string, unknown>) => ({ page: 1, per_page: 50, ...extra }) as never;
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string });

describe("the change feed's retention of deletions", () => {
  it("purges tombstones past the retention only; a feed asking for deletions from before is 410, one from after is whole", async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    await createClient(t.db, owner, { name: "Kept" });
    const old = await createClient(t.db, owner, { name: "Old" });
    const oldCursor = (await listClientChanges(t.db, owner, feed({ updated_since: "2000-01-01T00:00:00Z" }))).next_cursor;
    await deleteClient(t.db, owner, old.id);
    const otherOld = await createClient(t.db, other, { name: "Elsewhere" });
    await deleteClient(t.db, other, otherOld.id);
    // Both deletions happened long ago; a recent one in the owner's workspace stays.
    await t.db.execute(sql`update change_tombstones set deleted_at = now() - interval '${sql.raw(String(FEED_RETENTION_DAYS + 10))} days'`);
    const recent = await createClient(t.db, owner, { name: "Recent" });
    await deleteClient(t.db, owner, recent.id);
    const afterCursor = (await listClientChanges(t.db, owner, feed({ updated_since: "2000-01-01T00:00:00Z", include_deleted: true }))).next_cursor;

    expect(await purgeOldTombstones(t.db)).toBeGreaterThanOrEqual(2);
    const left = await queryRows<{ id: number }>(t.db, sql`select id from change_tombstones where kind = 'client' and id in (${old.id}, ${otherOld.id}, ${recent.id})`);
    expect(left.map((r) => r.id)).toEqual([recent.id]);
    expect(await purgeOldTombstones(t.db)).toBe(0);

    const longAgo = new Date(Date.now() - (FEED_RETENTION_DAYS + 30) * DAY).toISOString();
    const gone = await failure(listClientChanges(t.db, owner, feed({ updated_since: longAgo, include_deleted: true })));
    expect(gone).toMatchObject({ code: "gone", message: expect.stringContaining("list everything again") });
    expect(await failure(listClientChanges(t.db, owner, feed({ cursor: oldCursor, include_deleted: true })))).toMatchObject({ code: "gone" });

    // Without deletions nothing is missing; a start after the purge is served whole.
    expect((await listClientChanges(t.db, owner, feed({ updated_since: longAgo }))).items.map((c) => ("name" in c ? c.name : c.id))).toEqual(["Kept"]);
    const lately = new Date(Date.now() - 5 * DAY).toISOString();
    const whole = await listClientChanges(t.db, owner, feed({ updated_since: lately, include_deleted: true }));
    expect(whole.items.map((c) => ("deleted" in c ? `deleted ${c.id}` : c.name))).toEqual(["Kept", `deleted ${recent.id}`]);
    expect((await listClientChanges(t.db, owner, feed({ cursor: afterCursor, include_deleted: true }))).items).toEqual([]);
    // The other workspace lost a deletion too, and has its own record of it.
    expect(await failure(listClientChanges(t.db, other, feed({ updated_since: longAgo, include_deleted: true })))).toMatchObject({ code: "gone" });
  });
});
