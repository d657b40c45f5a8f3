import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import { periodOverview } from "./overview";
import { summaryReport } from "./summary";

// The one day rule as both reports apply it (the same SQL, lib/reports/day-parts.ts). Entries are
// inserted directly: some are longer than the services accept, and the rule must count them anyway.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;
const insert = (owner: { userId: number; workspaceId: number }, start: string, end: string | null, more: { billable?: boolean } = {}) =>
  t.db.insert(timeEntries).values({ userId: owner.userId, workspaceId: owner.workspaceId, startAt: new Date(start), endAt: end ? new Date(end) : null, description: "x", ...more });

describe("the one day rule (overview and summary share it)", () => {
  it("counts an entry longer than a day that starts before the range for its part inside the range", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    // Sat 2026-06-13 20:00 Berlin (18:00Z) until Tue 2026-06-16 06:30 Berlin (04:30Z): 58.5 hours.
    await insert(user, "2026-06-13T18:00:00Z", "2026-06-16T04:30:00Z", { billable: true });
    const week = await periodOverview(t.db, user, periodOf("week", "2026-06-15", user.timezone, 1));
    expect(week.days.map((d) => d.seconds / H)).toEqual([24, 6.5, 0, 0, 0, 0, 0]);
    expect([week.total_seconds, week.billable_seconds, week.entries]).toEqual([30.5 * H, 30.5 * H, 1]);
    const monday = await summaryReport(t.db, user, { start_date: "2026-06-15", end_date: "2026-06-15" });
    expect([monday.total_hours, monday.total_entries]).toEqual([24, 1]);
    const sunday = await periodOverview(t.db, user, periodOf("day", "2026-06-14", user.timezone, 1));
    expect(sunday.total_seconds).toBe(24 * H);
  });

  it("gives DST days 23 and 25 hours in both reports", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    // Sat 28 Mar 2026 12:00 (11:00Z) to Mon 30 Mar 12:00 (10:00Z); Sat 24 Oct 12:00 (10:00Z) to Mon 26 Oct 12:00 (11:00Z).
    await insert(user, "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z");
    await insert(user, "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z");
    const spring = await periodOverview(t.db, user, periodOf("week", "2026-03-29", user.timezone, 1));
    expect(spring.days.slice(5).map((d) => d.seconds / H)).toEqual([12, 23]);
    const autumn = await periodOverview(t.db, user, periodOf("week", "2026-10-25", user.timezone, 1));
    expect(autumn.days.slice(5).map((d) => d.seconds / H)).toEqual([12, 25]);
    const springDay = await summaryReport(t.db, user, { start_date: "2026-03-29", end_date: "2026-03-29" });
    const autumnDay = await summaryReport(t.db, user, { start_date: "2026-10-25", end_date: "2026-10-25" });
    expect([springDay.total_hours, autumnDay.total_hours]).toEqual([23, 25]);
    const mondays = await summaryReport(t.db, user, { start_date: "2026-03-30", end_date: "2026-03-30" });
    expect(mondays.total_hours).toBe(12);
  });

  it("rounds each session's part to whole seconds, so a day's total is the sum of its rows", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    // 22.4 s and 4.4 s: rows of 0:00:22 and 0:00:04, a total of 26 s (not 27 from 26.8).
    await insert(user, "2026-05-04T08:00:00.100Z", "2026-05-04T08:00:22.500Z");
    await insert(user, "2026-05-04T09:00:00.300Z", "2026-05-04T09:00:04.700Z");
    const day = await periodOverview(t.db, user, periodOf("day", "2026-05-04", "UTC", 1));
    expect([day.total_seconds, day.entries]).toEqual([26, 2]);
  });

  it("counts a running session up to as_of, a whole second of its clock, and names it", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await insert(user, "2026-05-04T07:00:00Z", "2026-05-04T07:30:00Z");
    const [running] = await insert(user, "2026-05-04T08:00:00.400Z", null, { billable: true }).returning();
    const now = new Date("2026-05-04T09:30:10.100Z");
    const o = await periodOverview(t.db, user, periodOf("week", "2026-05-04", "UTC", 1), now);
    // 09:30:10.100 is 1:30:09.7 into the session: as_of is its whole second 1:30:09, at 09:30:09.400.
    expect(o.as_of).toBe("2026-05-04T09:30:09.400Z");
    expect(o.running).toEqual({ id: running.id, project_id: null, billable: true });
    expect([o.total_seconds, o.billable_seconds]).toEqual([0.5 * H + 1.5 * H + 9, 1.5 * H + 9]);
    // Another period does not count it.
    const before = await periodOverview(t.db, user, periodOf("week", "2026-04-27", "UTC", 1), now);
    expect([before.running, before.total_seconds, before.as_of]).toEqual([null, 0, "2026-05-04T09:30:09.400Z"]);
  });
});
