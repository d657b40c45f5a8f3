import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { overlapping } from "./queries";
import { listEntries } from "./service";

// The entry list's date range reads the index between two bounds (start >= from - 7 days, start < to),
// with the running timer and entries from before the maximum-length rule looked up on their own.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const insert = (user: TestUser, start: string, end: string | null, description: string) =>
  t.db.insert(timeEntries).values({ workspaceId: user.workspaceId, userId: user.id, startAt: new Date(start), endAt: end ? new Date(end) : null, description });
const notes = (r: Awaited<ReturnType<typeof listEntries>>) => r.items.map((i) => i.entry.description);

type PlanNode = { "Index Cond"?: string; "Actual Rows"?: number; "Actual Loops"?: number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe("the entry list's date range", () => {
  it("holds the sessions overlapping it: one longer than a day started before it, a 10-day one from before the rule, a timer running for 9 days", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await insert(user, "2026-05-20T08:00:00Z", "2026-05-20T09:00:00Z", "weeks before");
    await insert(user, "2026-05-29T08:00:00Z", "2026-06-08T08:00:00Z", "ten days, before the rule");
    await insert(user, "2026-06-06T20:00:00Z", "2026-06-08T06:00:00Z", "across the weekend");
    await insert(user, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z", "on the day");
    await insert(user, "2026-06-01T07:00:00Z", null, "forgotten timer");
    const now = new Date("2026-06-10T12:00:00Z");
    const monday = await listEntries(t.db, user, { page: 1, per_page: 50, start_date: "2026-06-08", end_date: "2026-06-08", include_active: true }, now);
    expect(notes(monday)).toEqual(["on the day", "across the weekend", "forgotten timer", "ten days, before the rule"]);
    expect(monday.total).toBe(4);
    const tuesday = await listEntries(t.db, user, { page: 1, per_page: 50, start_date: "2026-06-09", end_date: "2026-06-09", include_active: true }, now);
    expect([notes(tuesday), tuesday.total]).toEqual([["forgotten timer"], 1]);
  });

  it("is read from the index between both bounds on a long history", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    // One session of 50 minutes every 4 hours for 4.5 years (about 9,900), 180 of them in November 2026.
    await t.db.execute(sql`
      insert into time_entries (workspace_id, user_id, start_at, end_at, description)
      select ${user.workspaceId}, ${user.id}, s, s + interval '50 minutes', 'history'
      from generate_series('2022-06-01T00:00:00Z'::timestamptz, '2026-11-30T20:00:00Z'::timestamptz, interval '4 hours') s`);
    await t.db.execute(sql`analyze time_entries`);
    const where = and(eq(timeEntries.workspaceId, user.workspaceId), eq(timeEntries.userId, user.id), overlapping(user.id, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"));
    const query = t.db.select({ n: count() }).from(timeEntries).where(where);
    const [row] = await queryRows<{ "QUERY PLAN": unknown }>(t.db, sql`explain (analyze, format json) ${query}`);
    const doc = typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"];
    const range = nodes((doc as { Plan: PlanNode }[])[0].Plan).filter((n) => /start_at < /.test(n["Index Cond"] ?? ""));
    expect(range.length).toBeGreaterThan(0);
    for (const scan of range) {
      expect(scan["Index Cond"]).toMatch(/workspace_id = .*start_at >= /);
      expect(((scan["Actual Rows"] ?? 0) + (scan["Rows Removed by Filter"] ?? 0)) * (scan["Actual Loops"] ?? 1)).toBeLessThan(250);
    }
    const [{ n }] = await query;
    expect(n).toBe(180);
  });
});
