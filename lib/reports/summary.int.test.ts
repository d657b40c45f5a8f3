import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createEntry } from "@/lib/entries/service";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { startTimer } from "@/lib/timer/service";
import { summaryReport } from "./summary";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("summary report (aggregated in SQL)", () => {
  it("totals hours per project between two local dates, clipped to them, with each project's name", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const web = await createProject(t.db, user, { name: "Website", billable: true });
    const ops = await createProject(t.db, user, { name: "Ops", billable: false });
    await createEntry(t.db, user, { notes: "a", project_id: web.id, start_time: "2026-03-02T09:00", end_time: "2026-03-02T12:00" }); // 3h
    await createEntry(t.db, user, { notes: "b", project_id: web.id, start_time: "2026-03-31T23:00", end_time: "2026-04-01T01:00" }); // 1h in March
    await createEntry(t.db, user, { notes: "c", project_id: ops.id, start_time: "2026-03-10T10:00", end_time: "2026-03-10T11:30" }); // 1.5h
    await createEntry(t.db, user, { notes: "d", start_time: "2026-03-11T10:00", end_time: "2026-03-11T10:30" }); // 0.5h, no project
    await createEntry(t.db, user, { notes: "e", project_id: ops.id, start_time: "2026-02-27T10:00", end_time: "2026-02-27T18:00" }); // February

    const s = await summaryReport(t.db, user, { start_date: "2026-03-01", end_date: "2026-03-31" });
    expect([s.total_hours, s.billable_hours, s.total_entries]).toEqual([6, 4, 4]);
    expect(s.by_project.map((p) => [p.project_name, p.hours, p.billable_hours, p.entries])).toEqual([
      ["Website", 4, 4, 2],
      ["Ops", 1.5, 0, 1],
      ["No project", 0.5, 0, 1],
    ]);
    const website = await summaryReport(t.db, user, { start_date: "2026-03-01", end_date: "2026-03-31", project_id: web.id });
    expect(website.by_project.map((p) => [p.project_id, p.hours])).toEqual([[web.id, 4]]);
  });

  it("counts a running session up to now, and sees only the owner's entries", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const other = await makeUser(t.db, { timezone: "UTC" });
    await startTimer(t.db, user, { notes: "running" }, { stopRunning: true, now: new Date("2026-05-04T08:00:00Z") });
    await createEntry(t.db, other, { notes: "theirs", start_time: "2026-05-04T08:00", end_time: "2026-05-04T09:00" });
    const s = await summaryReport(t.db, user, { start_date: "2026-05-04", end_date: "2026-05-04" }, new Date("2026-05-04T10:30:00Z"));
    expect([s.total_hours, s.total_entries, s.by_project[0].project_name]).toEqual([2.5, 1, "No project"]);
  });

  it("refuses an end before the start", async () => {
    const user = await makeUser(t.db);
    const error = await summaryReport(t.db, user, { start_date: "2026-03-02", end_date: "2026-03-01" }).catch((e) => e);
    expect(error.code).toBe("validation_error");
  });
});
