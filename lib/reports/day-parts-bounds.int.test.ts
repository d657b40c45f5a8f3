import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { timeEntries, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import type { MemberActor } from "@/lib/workspaces/actor";
import { periodOf } from "@/lib/time/period";
import { dayParts } from "./day-parts";
import { periodOverview } from "./overview";
import { summaryReport } from "./summary";

// Range queries read the index between two bounds (start >= from - 7 days, start < to), so a month costs
// the same in the fifth year as in the first. These tests hold the exceptions to that bound (the running
// timer, entries from before the maximum-length rule) and show that the plan uses both bounds.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;
const insert = (member: MemberActor, start: string, end: string | null) =>
  t.db.insert(timeEntries).values({ workspaceId: member.workspaceId, userId: member.userId, startAt: new Date(start), endAt: end ? new Date(end) : null, description: "x" });

type PlanNode = { "Node Type": string; "Index Name"?: string; "Index Cond"?: string; "Function Name"?: string; "Plan Rows": number; "Actual Rows"?: number; "Actual Loops"?: number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function explain(query: ReturnType<typeof sql>, analyze = false): Promise<PlanNode[]> {
  const [row] = await queryRows<{ "QUERY PLAN": unknown }>(t.db, sql`explain (${sql.raw(analyze ? "analyze, " : "")}format json) ${query}`);
  const doc = typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"];
  return nodes((doc as { Plan: PlanNode }[])[0].Plan);
}

describe("range bounds of the one day rule", () => {
  it("counts an entry longer than the 7-day maximum saved before the rule existed, in a range it starts 9 days before", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    // Mon 2026-06-01 00:00 until Thu 2026-06-11 12:00: 10.5 days; the week of 8 June holds 3.5 days of it.
    await insert(user, "2026-06-01T00:00:00Z", "2026-06-11T12:00:00Z");
    const week = await periodOverview(t.db, user, periodOf("week", "2026-06-08", "UTC", 1));
    expect(week.days.map((d) => d.seconds / H)).toEqual([24, 24, 24, 12, 0, 0, 0]);
    const thursday = await summaryReport(t.db, user, { start_date: "2026-06-11", end_date: "2026-06-11" });
    expect([thursday.total_hours, thursday.total_entries]).toEqual([12, 1]);
  });

  it("counts an entry of 6 days in a range it starts 5 days before, after the user lowered the maximum to 1 hour", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await insert(user, "2026-06-01T00:00:00Z", "2026-06-07T00:00:00Z");
    await t.db.update(users).set({ maxEntryMinutes: 60 }).where(sql`${users.id} = ${user.id}`);
    const saturday = await summaryReport(t.db, user, { start_date: "2026-06-06", end_date: "2026-06-06" });
    expect([saturday.total_hours, saturday.total_entries]).toEqual([24, 1]);
  });

  it("counts a forgotten timer that has been running for 9 days in today's totals", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await insert(user, "2026-06-01T00:00:00Z", null);
    const now = new Date("2026-06-10T06:00:00Z");
    const today = await periodOverview(t.db, user, periodOf("day", "2026-06-10", "UTC", 1), now);
    expect([today.total_seconds, today.entries, today.running?.project_id]).toEqual([6 * H, 1, null]);
  });

  it("lists every day of a month with a DST change once, the change day with 23 hours", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    // Fri 27 Mar 2026 12:00 Berlin (11:00Z) until Tue 31 Mar 12:00 Berlin (10:00Z), the clocks going forward on Sunday 29.
    await insert(user, "2026-03-27T11:00:00Z", "2026-03-31T10:00:00Z");
    const march = await periodOverview(t.db, user, periodOf("month", "2026-03-01", user.timezone, 1));
    expect(march.days.map((d) => d.date)).toEqual(Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`));
    expect(march.days.slice(26).map((d) => d.seconds / H)).toEqual([12, 24, 23, 24, 12]);
    expect(march.total_seconds).toBe(95 * H);
  });

  it("counts a member's sessions in the workspace acted in only, the bounds of another workspace's timer and long entry applying there", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const owner = await makeUser(t.db, { timezone: "UTC" });
    const elsewhere = await memberIn(t.db, owner.workspaceId, user.id, "member");
    // In the other workspace: a 10-day entry from before the rule and a timer running for 9 days.
    await insert(elsewhere, "2026-06-01T00:00:00Z", "2026-06-11T00:00:00Z");
    await insert(elsewhere, "2026-06-01T00:00:00Z", null);
    await insert(user, "2026-06-10T08:00:00Z", "2026-06-10T09:00:00Z");
    const now = new Date("2026-06-10T12:00:00Z");
    const own = await summaryReport(t.db, user, { start_date: "2026-06-10", end_date: "2026-06-10" }, now);
    expect([own.total_hours, own.total_entries]).toEqual([1, 1]);
    const ownDay = await periodOverview(t.db, user, periodOf("day", "2026-06-10", "UTC", 1), now);
    expect([ownDay.total_seconds, ownDay.entries, ownDay.running]).toEqual([1 * H, 1, null]);
    const there = await summaryReport(t.db, elsewhere, { start_date: "2026-06-10", end_date: "2026-06-10" }, now);
    expect([there.total_hours, there.total_entries]).toEqual([36, 2]);
  });

  it("reads only the period's rows of a long history: the index range has both bounds, the running timer its own index, the day count is estimated exactly", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    // One session of 50 minutes every 4 hours for 4.5 years: about 9,900 rows, 180 in November 2026.
    await t.db.execute(sql`
      insert into time_entries (workspace_id, user_id, start_at, end_at, description)
      select ${user.workspaceId}, ${user.id}, s, s + interval '50 minutes', 'history'
      from generate_series('2022-06-01T00:00:00Z'::timestamptz, '2026-11-30T20:00:00Z'::timestamptz, interval '4 hours') s`);
    await t.db.execute(sql`analyze time_entries`);
    const parts = await dayParts(t.db, { workspaceId: user.workspaceId, userId: user.id, timezone: user.timezone, start: "2026-11-01", end: "2026-12-01", now: new Date("2026-12-02T12:00:00Z") });
    const plan = await explain(sql`${parts} select count(*) from parts`, true);
    const range = plan.filter((n) => /start_at < /.test(n["Index Cond"] ?? ""));
    expect(range.length).toBeGreaterThan(0);
    for (const scan of range) {
      expect(scan["Index Cond"]).toMatch(/workspace_id = .*start_at >= /);
      // Read: the month's 180 sessions and the 7 days before it (42), not the 9,700 before them.
      expect(((scan["Actual Rows"] ?? 0) + (scan["Rows Removed by Filter"] ?? 0)) * (scan["Actual Loops"] ?? 1)).toBeLessThan(250);
    }
    // The running timer comes off its own one-row index, not from a walk through all of the user's entries.
    const walks = plan.filter((n) => n["Index Name"] === "time_entries_workspace_user_start_idx" && /end_at IS NULL/.test(n["Index Cond"] ?? ""));
    expect(walks).toEqual([]);
    const days = plan.filter((n) => n["Function Name"] === "generate_series");
    expect(days.map((n) => n["Plan Rows"])).toEqual([30]);
    const summary = await summaryReport(t.db, user, { start_date: "2026-11-01", end_date: "2026-11-30" });
    expect([summary.total_entries, summary.total_hours]).toEqual([180, 150]);
  });
});
