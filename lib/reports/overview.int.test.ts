import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createEntry } from "@/lib/entries/service";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import { startTimer } from "@/lib/timer/service";
import { periodOverview } from "./overview";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;

describe("period overview (computed in SQL)", () => {
  it("totals a week per day and per project, splitting a session at local midnight", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const web = await createProject(t.db, user, { name: "Website", billable: true });
    const ops = await createProject(t.db, user, { name: "Ops", billable: false });
    await createEntry(t.db, user, { notes: "a", project_id: web.id, start_time: "2026-06-15T09:00", end_time: "2026-06-15T12:00" }); // Mon 3h
    await createEntry(t.db, user, { notes: "b", project_id: ops.id, start_time: "2026-06-16T22:00", end_time: "2026-06-17T02:30" }); // Tue 2h + Wed 2.5h
    await createEntry(t.db, user, { notes: "c", start_time: "2026-06-21T23:00", end_time: "2026-06-22T01:00" }); // Sun 1h + next Mon 1h
    await createEntry(t.db, user, { notes: "d", project_id: web.id, start_time: "2026-06-14T10:00", end_time: "2026-06-14T11:00" }); // previous week

    const o = await periodOverview(t.db, user, periodOf("week", "2026-06-18", user.timezone, user.weekStart));
    expect([o.start_date, o.end_date]).toEqual(["2026-06-15", "2026-06-21"]);
    expect(o.days.map((d) => d.seconds / H)).toEqual([3, 2, 2.5, 0, 0, 0, 1]);
    expect(o.total_seconds).toBe(8.5 * H);
    expect(o.billable_seconds).toBe(3 * H);
    expect(o.entries).toBe(3);
    expect(o.projects.map((p) => [p.project, p.seconds / H])).toEqual([
      ["Ops", 4.5],
      ["Website", 3],
      [null, 1],
    ]);
    expect(o.days[1].projects).toEqual([{ project_id: ops.id, seconds: 2 * H }]);
  });

  it("uses the user's week start and zone for the same entries", async () => {
    const user = await makeUser(t.db, { timezone: "America/Los_Angeles", weekStart: 0 });
    // Sunday 2026-06-21 10:00 Los Angeles.
    await createEntry(t.db, user, { notes: "sunday", start_time: "2026-06-21T10:00", end_time: "2026-06-21T11:00" });
    const week = await periodOverview(t.db, user, periodOf("week", "2026-06-21", user.timezone, 0));
    expect(week.start_date).toBe("2026-06-21");
    expect(week.days[0]).toMatchObject({ date: "2026-06-21", seconds: H });
  });

  it("gives a DST day its 23 hours: a session over the whole day counts 23h", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await createEntry(t.db, user, { notes: "marathon", start_time: "2026-03-29T00:00", end_time: "2026-03-30T00:00" });
    const day = await periodOverview(t.db, user, periodOf("day", "2026-03-29", user.timezone, 1));
    expect(day.total_seconds).toBe(23 * H);
    const autumn = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await createEntry(t.db, autumn, { notes: "long night", start_time: "2026-10-24T22:00", end_time: "2026-10-25T04:00" });
    const o = await periodOverview(t.db, autumn, periodOf("week", "2026-10-25", autumn.timezone, 1));
    // 22:00-24:00 Saturday = 2h; 00:00-04:00 Sunday with the repeated hour = 5h.
    expect(o.days.slice(5).map((d) => d.seconds / H)).toEqual([2, 5]);
  });

  it("counts a running session up to now", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    await startTimer(t.db, user, { notes: "running" }, { stopRunning: true, now: new Date("2026-07-01T08:00:00Z") });
    const now = new Date("2026-07-01T09:30:00Z");
    const o = await periodOverview(t.db, user, periodOf("month", "2026-07-01", "UTC", 1), now);
    expect(o.total_seconds).toBe(1.5 * H);
    expect(o.days).toHaveLength(31);
    expect(o.entries).toBe(1);
  });
});
