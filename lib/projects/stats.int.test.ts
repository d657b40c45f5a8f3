import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createEntry } from "@/lib/entries/service";
import { periodOverview } from "@/lib/reports/overview";
import { makeUser } from "@/lib/testing/users";
import { periodOf, todayIn } from "@/lib/time/period";
import { startTimer } from "@/lib/timer/service";
import { createProject } from "./service";
import { projectStats, serializeProjectsWithStats } from "./stats";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;
// 10:00 on Wednesday 1 April 2026 in Berlin (CEST, UTC+2): "this month" starts at 2026-03-31T22:00Z.
const NOW = new Date("2026-04-01T08:00:00Z");
const NO_PLANS = { estimatedHours: null, budgetAmount: null, budgetRemaining: null };

describe("project stats (computed in SQL)", () => {
  it("totals all time and this month in the user's zone, split at local midnight, with the billable amount in numeric", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const web = await createProject(t.db, user, { name: "Website", hourly_rate: 80.33 });
    const ops = await createProject(t.db, user, { name: "Ops" });
    const idle = await createProject(t.db, user, { name: "Idle", hourly_rate: 50 });
    // Across the month's first midnight: 2 h in March, 2 h in April. Billable.
    await createEntry(t.db, user, { notes: "late", project_id: web.id, billable: true, start_time: "2026-03-31T22:00", end_time: "2026-04-01T02:00" }, { now: NOW });
    // The spring-forward night (02:00 -> 03:00): 00:00-05:00 local is 4 real hours, all in March. Not billable.
    await createEntry(t.db, user, { notes: "dst", project_id: web.id, billable: false, start_time: "2026-03-29T00:00", end_time: "2026-03-29T05:00" }, { now: NOW });
    // Running since 09:30 local: 30 minutes up to NOW, billable.
    await startTimer(t.db, user, { notes: "now", project_id: web.id, billable: true }, { now: NOW, startAt: new Date("2026-04-01T07:30:00Z"), stopRunning: false });
    await createEntry(t.db, user, { notes: "ops", project_id: ops.id, billable: true, start_time: "2026-04-01T08:00", end_time: "2026-04-01T09:00" }, { now: NOW });
    // No project, and another user's time: counted nowhere here.
    await createEntry(t.db, user, { notes: "loose", start_time: "2026-04-01T06:00", end_time: "2026-04-01T07:00" }, { now: NOW });
    const other = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const theirs = await createProject(t.db, other, { name: "Website", hourly_rate: 10 });
    await createEntry(t.db, other, { notes: "theirs", project_id: theirs.id, billable: true, start_time: "2026-04-01T06:00", end_time: "2026-04-01T07:00" }, { now: NOW });

    const stats = await projectStats(t.db, user, [web.id, ops.id, idle.id, theirs.id], NOW);
    // 4 h + 4 h + 0.5 h; this month 2 h + 0.5 h; billable 4 h + 0.5 h; 80.33 × 4.5 = 361.485 -> 361.49 (a float would give 361.48).
    expect(stats.get(web.id)).toEqual({ ...NO_PLANS, trackedSeconds: 8.5 * H, monthSeconds: 2.5 * H, billableSeconds: 4.5 * H, billableAmount: "361.49" });
    expect(stats.get(ops.id)).toEqual({ ...NO_PLANS, trackedSeconds: H, monthSeconds: H, billableSeconds: H, billableAmount: null });
    expect(stats.get(idle.id)).toEqual({ ...NO_PLANS, trackedSeconds: 0, monthSeconds: 0, billableSeconds: 0, billableAmount: "0.00" });
    expect(stats.has(theirs.id)).toBe(false); // another user's project, even by id

    // This month's figure is the Overview's month total for the project (the one day rule).
    const month = await periodOverview(t.db, user, periodOf("month", todayIn(user.timezone, NOW), user.timezone, user.weekStart), NOW);
    expect(month.projects.find((p) => p.project_id === web.id)?.seconds).toBe(2.5 * H);
    expect(month.projects.find((p) => p.project_id === ops.id)?.seconds).toBe(H);

    // The API's shape: the same figures, the amount as a number in the workspace's currency (not the user's).
    const [serialized] = await serializeProjectsWithStats(t.db, { ...user, currency: "USD" }, [{ ...web, clientName: null }], NOW);
    expect(serialized).toMatchObject({
      id: web.id,
      tracked_seconds: 8.5 * H,
      tracked_seconds_this_month: 2.5 * H,
      billable_seconds: 4.5 * H,
      billable_amount: 361.49,
      currency: "EUR",
    });
  });

  it("gives the month of a zone west of UTC its own midnight", async () => {
    const user = await makeUser(t.db, { timezone: "America/New_York" });
    const p = await createProject(t.db, user, { name: "Late shift", hourly_rate: 100 });
    // 30 April 23:00 -> 1 May 01:00 New York (EDT, UTC-4): 1 h in each month; in UTC it is all 1 May.
    await createEntry(t.db, user, { notes: "x", project_id: p.id, billable: true, start_time: "2026-04-30T23:00", end_time: "2026-05-01T01:00" }, { now: new Date("2026-05-10T12:00:00Z") });
    const may = new Date("2026-05-10T12:00:00Z");
    expect((await projectStats(t.db, user, [p.id], may)).get(p.id)).toEqual({ ...NO_PLANS, trackedSeconds: 2 * H, monthSeconds: H, billableSeconds: 2 * H, billableAmount: "200.00" });
    const april = new Date("2026-04-30T12:00:00Z");
    expect((await projectStats(t.db, user, [p.id], april)).get(p.id)?.monthSeconds).toBe(H);
  });

  it("answers nothing for no projects without asking the database", async () => {
    expect((await projectStats(t.db, { userId: 1, workspaceId: 1, role: "owner", scopes: [], via: "session", timezone: "UTC", maxEntryMinutes: 1440, weekStart: 1, currency: "EUR" }, [])).size).toBe(0);
  });
});
