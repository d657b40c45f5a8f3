import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { explainSent, planNodes, recordingStatements } from "@/lib/testing/statements";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { stopTimer } from "@/lib/timer/service";
import { deleteEntry, listEntries } from "./service";

// The entry list pages by key (start_at desc, id desc) under page/per_page and under an opaque cursor.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

type Query = Parameters<typeof listEntries>[2];
const q = (extra: Partial<Query>): Query => ({ page: 1, per_page: 3, ...extra }) as Query;
const ids = (r: Awaited<ReturnType<typeof listEntries>>) => r.items.map((i) => i.entry.id);

/** Entries by SQL, start times to the microsecond (as an import writes them); returns their ids. */
async function insertAt(user: TestUser, starts: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const start of starts) {
    const [row] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into time_entries (workspace_id, user_id, start_at, end_at) values (${user.workspaceId}, ${user.id}, ${start}::timestamptz, ${start}::timestamptz + interval '10 minutes') returning id`,
    );
    out.push(row.id);
  }
  return out;
}

describe("paging", () => {
  it("walks every entry once, in (start desc, id desc) order, by page and by cursor, when many share a start (to the microsecond or within one millisecond)", async () => {
    const user = await makeUser(t.db);
    await insertAt(user, ["2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z", "2026-03-02T09:00:00Z"]);
    await insertAt(user, ["2026-03-02T09:00:00.000700Z", "2026-03-02T09:00:00.000200Z", "2026-03-02T09:00:00.000700Z"]);
    await insertAt(user, ["2026-03-03T09:00:00Z", "2026-03-01T09:00:00Z", "2026-03-02T09:00:00Z"]);
    const [expected] = [
      await queryRows<{ id: number }>(t.db, sql`select id from time_entries where user_id = ${user.id} and end_at is not null order by start_at desc, id desc`),
    ];
    const byPage: number[] = [];
    for (let page = 1; page <= 4; page++) byPage.push(...ids(await listEntries(t.db, user, q({ page }))));
    expect(byPage).toEqual(expected.map((r) => r.id));

    const byCursor: number[] = [];
    let cursor: string | undefined;
    const pages: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await listEntries(t.db, user, q({ cursor }));
      byCursor.push(...ids(r));
      pages.push(r.page);
      expect(r.total).toBe(10);
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(byCursor).toEqual(expected.map((r) => r.id));
    expect(pages).toEqual([1, 2, 3, 4]);
  });

  it("a cursor continues exactly where page N ends, and says page N + 1; the last page has no next_cursor; a page past the end is empty", async () => {
    const user = await makeUser(t.db);
    await insertAt(user, Array.from({ length: 7 }, (_, i) => `2026-04-0${1 + (i % 3)}T0${i}:00:00Z`));
    const page2 = await listEntries(t.db, user, q({ page: 2 }));
    const page3 = await listEntries(t.db, user, q({ page: 3 }));
    const next = await listEntries(t.db, user, q({ cursor: page2.nextCursor! }));
    expect([ids(next), next.page, next.total]).toEqual([ids(page3), 3, 7]);
    expect(page3.nextCursor).toBeNull();
    expect(ids(page3)).toHaveLength(1);
    expect(ids(await listEntries(t.db, user, q({ page: 9 })))).toEqual([]);
  });

  it("refuses a malformed or tampered cursor with a 400 on the cursor field", async () => {
    const user = await makeUser(t.db);
    const tampered = [
      "not a cursor!",
      "bm90LWpzb24",
      Buffer.from(JSON.stringify(["entries", "1", 1])).toString("base64url"),
      Buffer.from(JSON.stringify(["feed:time_entries", "1", "1"])).toString("base64url"),
      Buffer.from(JSON.stringify(["entries", "99999999999999999999", 1, 2])).toString("base64url"),
      Buffer.from(JSON.stringify(["entries", "1' or 1=1 --", 1, 2])).toString("base64url"),
      Buffer.from(JSON.stringify(["entries", "1", -4, 2])).toString("base64url"),
    ];
    for (const cursor of tampered) {
      const error = await listEntries(t.db, user, q({ cursor })).catch((e: unknown) => e);
      expect(error, cursor).toBeInstanceOf(AppError);
      expect([(error as AppError).code, Object.keys((error as AppError).details?.fields ?? {})]).toEqual(["validation_error", ["cursor"]]);
    }
  });
});

describe("the total", () => {
  it("is the member's stored count without filters (running entry with include_active), kept right through inserts, stops and deletions", async () => {
    const user = await makeUser(t.db);
    const [a] = await insertAt(user, ["2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z", "2026-05-03T09:00:00Z"]);
    await t.db.insert(timeEntries).values({ workspaceId: user.workspaceId, userId: user.id, startAt: new Date(Date.now() - 60_000), endAt: null });
    expect((await listEntries(t.db, user, q({}))).total).toBe(3);
    expect((await listEntries(t.db, user, q({ include_active: true }))).total).toBe(4);
    await stopTimer(t.db, user, {});
    await deleteEntry(t.db, user, a);
    const after = await listEntries(t.db, user, q({}));
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from time_entries where user_id = ${user.id} and end_at is not null`);
    expect([after.total, n]).toEqual([3, 3]);
    // Filtered: counted over the filter (here one day).
    expect((await listEntries(t.db, user, q({ start_date: "2026-05-02", end_date: "2026-05-02" }))).total).toBe(1);
  });
});

describe("deep pages", () => {
  it("page 100 reads its own rows only, in one statement: the skipped ones are walked on the index alone (no joins, no table rows, no expressions) (EXPLAIN ANALYZE)", async () => {
    const user = await makeUser(t.db);
    await t.db.execute(
      sql`insert into time_entries (workspace_id, user_id, start_at, end_at, description)
          select ${user.workspaceId}, ${user.id}, timestamptz '2020-01-01' + i * interval '1 hour', timestamptz '2020-01-01' + i * interval '1 hour' + interval '30 minutes', 'e' || i
          from generate_series(1, 520) i`,
    );
    // A served instance keeps statistics and the visibility map current (db/statistics.ts).
    await t.db.execute(sql`vacuum (analyze) time_entries`);
    const { db, sent } = recordingStatements(t);
    const page = await listEntries(db, user, q({ page: 100, per_page: 5 }));
    expect(page.items.map((i) => i.entry.description)).toEqual(["e25", "e24", "e23", "e22", "e21"]);
    const rowsStatements = sent.filter((s) => /left join "projects"/.test(s.sql));
    expect(rowsStatements).toHaveLength(1);
    const plan = await explainSent(t.db, rowsStatements[0], "analyze, verbose");
    const entryReads = planNodes(plan).filter((n) => n["Relation Name"] === "time_entries");
    // The key before the page (the last of page 99): one index-only walk over the 494 rows before it and the
    // key, reading bare columns (an expression in its output would be computed for each skipped row). Every
    // other read of time_entries is the page's own: at most per_page + 1 rows.
    const walks = entryReads.filter((n) => n["Actual Rows"] * n["Actual Loops"] > 6);
    expect(walks.map((n) => [n["Node Type"], n["Actual Rows"], n["Heap Fetches"]])).toEqual([["Index Only Scan", 495, 0]]);
    for (const output of walks[0].Output ?? []) expect(output).toMatch(/^[\w.]+$/);
    expect(entryReads.length).toBeGreaterThan(1);
  });
});
