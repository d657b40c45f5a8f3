import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createProject } from "@/lib/projects/service";
import { createTask } from "@/lib/tasks/service";
import { makeUser } from "@/lib/testing/users";
import { startTimer } from "@/lib/timer/service";
import { createEntry, deleteEntry, getEntryOrThrow, listEntries, updateEntry } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const err = (p: Promise<unknown>) => p.then(() => null, (e) => e);
const page = { page: 1, per_page: 50 };

describe("manual entries", () => {
  it("take start + end or start + duration, in the user's zone unless an offset is given", async () => {
    const user = await makeUser(t.db, { timezone: "America/New_York" });
    const a = await createEntry(t.db, user, { notes: "Design review", start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:15" });
    expect([a.entry.startAt.toISOString(), a.entry.endAt?.toISOString()]).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-02T15:15:00.000Z"]);
    expect(a.entry.source).toBe("manual");
    const b = await createEntry(t.db, user, { notes: "Call", start_time: "2026-03-02T16:00:00Z", duration_seconds: 1800 });
    expect(b.entry.endAt?.toISOString()).toBe("2026-03-02T16:30:00.000Z");
  });

  it("refuse an end before the start, nonsense times and over-long names, changing nothing", async () => {
    const user = await makeUser(t.db);
    const before = (await listEntries(t.db, user, user.id, { ...page, include_active: true })).total;
    const backwards = await err(createEntry(t.db, user, { notes: "x", start_time: "2026-03-02T10:00", end_time: "2026-03-02T09:00" }));
    expect(backwards.details.fields.end_time).toEqual(["The end must be after the start."]);
    const nonsense = await err(createEntry(t.db, user, { notes: "x", start_time: "yesterday-ish", end_time: "2026-03-02T09:00" }));
    expect(nonsense.details.fields.start_time[0]).toMatch(/Use a date and time like/);
    const long = await err(createEntry(t.db, user, { notes: "x".repeat(501), start_time: "2026-03-02T08:00", end_time: "2026-03-02T09:00" }));
    expect(long.details.fields.notes).toEqual(["Use at most 500 characters."]);
    expect((await listEntries(t.db, user, user.id, { ...page, include_active: true })).total).toBe(before);
  });

  it("may not overlap the running timer", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const now = new Date("2026-04-01T12:00:00Z");
    await startTimer(t.db, user, { notes: "running" }, { stopRunning: true, now: new Date("2026-04-01T10:00:00Z") });
    const overlap = await err(createEntry(t.db, user, { notes: "x", start_time: "2026-04-01T09:30", end_time: "2026-04-01T10:30" }, { now }));
    expect(overlap.details.fields.end_time[0]).toMatch(/^This overlaps your running timer, which started at 10:00 \(2:00:00 ago\)/);
    const ok = await createEntry(t.db, user, { notes: "before it", start_time: "2026-04-01T09:00", end_time: "2026-04-01T10:00" }, { now });
    expect(ok.entry.endAt?.toISOString()).toBe("2026-04-01T10:00:00.000Z");
  });

  it("without an end start a timer, and refuse a second one", async () => {
    const user = await makeUser(t.db);
    const running = await createEntry(t.db, user, { start_time: new Date(Date.now() - 60_000).toISOString() });
    expect(running.entry.endAt).toBeNull();
    expect((await err(createEntry(t.db, user, { start_time: new Date().toISOString() }))).code).toBe("timer_already_running");
  });
});

describe("editing", () => {
  it("changes any field, keeps task and project consistent, and refuses others' objects", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const p1 = await createProject(t.db, user.id, { name: "One", billable: false });
    const p2 = await createProject(t.db, user.id, { name: "Two", billable: true });
    const task = await createTask(t.db, user.id, { name: "Task of one", project_id: p1.id });
    const e = await createEntry(t.db, user, { notes: "Draft", start_time: "2026-02-01T09:00Z", end_time: "2026-02-01T10:00Z", task_id: task.id, tags: ["x"] });
    expect([e.entry.projectId, e.entry.taskId, e.entry.billable]).toEqual([p1.id, task.id, false]); // the task implied its project

    const moved = await updateEntry(t.db, user, e.entry.id, { project_id: p2.id, notes: "Final", tags: "y, z" });
    expect([moved.entry.projectId, moved.entry.taskId, moved.entry.billable, moved.entry.description, moved.tags]).toEqual([p2.id, null, true, "Final", ["y", "z"]]);

    const mismatch = await err(updateEntry(t.db, user, e.entry.id, { project_id: p2.id, task_id: task.id }));
    expect(mismatch.details.fields.task_id).toEqual(["This task belongs to another project."]);
    const theirProject = await createProject(t.db, other.id, { name: "Theirs" });
    expect((await err(updateEntry(t.db, user, e.entry.id, { project_id: theirProject.id }))).details.fields.project_id).toEqual(["No such project."]);
    expect((await err(updateEntry(t.db, other, e.entry.id, { notes: "mine now" }))).code).toBe("not_found");
    expect((await err(deleteEntry(t.db, other.id, e.entry.id))).code).toBe("not_found");
    expect((await getEntryOrThrow(t.db, user.id, e.entry.id)).entry.description).toBe("Final");

    const backwards = await err(updateEntry(t.db, user, e.entry.id, { end_time: "2026-02-01T08:00Z" }));
    expect(backwards.details.fields.end_time).toEqual(["The end must be after the start."]);
    await deleteEntry(t.db, user.id, e.entry.id);
    expect((await err(getEntryOrThrow(t.db, user.id, e.entry.id))).code).toBe("not_found");
  });

  it("giving a running session an end stops it", async () => {
    const user = await makeUser(t.db);
    const running = await startTimer(t.db, user, { notes: "r" }, { stopRunning: true, now: new Date(Date.now() - 3_600_000) });
    const end = new Date(Date.now() - 600_000).toISOString();
    const stopped = await updateEntry(t.db, user, running.entry.id, { end_time: end });
    expect(stopped.entry.endAt?.toISOString()).toBe(end);
  });
});

describe("listing", () => {
  it("filters by local dates, project and billable; includes a session that crosses into the range", async () => {
    const user = await makeUser(t.db, { timezone: "Asia/Tokyo" });
    const p = await createProject(t.db, user.id, { name: "P", billable: true });
    // 23:00-01:00 Tokyo time across the night of Jan 9 to Jan 10.
    await createEntry(t.db, user, { notes: "night", start_time: "2026-01-09T23:00", end_time: "2026-01-10T01:00", project_id: p.id });
    await createEntry(t.db, user, { notes: "morning", start_time: "2026-01-10T09:00", end_time: "2026-01-10T10:00" });
    await createEntry(t.db, user, { notes: "next day", start_time: "2026-01-11T09:00", end_time: "2026-01-11T10:00" });
    const jan10 = await listEntries(t.db, user, user.id, { ...page, start_date: "2026-01-10", end_date: "2026-01-10" });
    expect(jan10.items.map((r) => r.entry.description)).toEqual(["morning", "night"]);
    const billable = await listEntries(t.db, user, user.id, { ...page, billable: true });
    expect(billable.items.map((r) => r.entry.description)).toEqual(["night"]);
    const byProject = await listEntries(t.db, user, user.id, { ...page, project_id: p.id });
    expect(byProject.total).toBe(1);
    const paged = await listEntries(t.db, user, user.id, { page: 2, per_page: 2 });
    expect([paged.total, paged.items.map((r) => r.entry.description)]).toEqual([3, ["night"]]);
    expect((await err(listEntries(t.db, user, user.id, { ...page, start_date: "2026-01-10", end_date: "2026-01-09" }))).code).toBe("validation_error");
  });

  it("answers each owner with their own entries, however often the same filters are used (statements are prepared once)", async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    await createEntry(t.db, a, { notes: "a1", start_time: "2026-02-02T09:00", end_time: "2026-02-02T10:00" });
    await createEntry(t.db, a, { notes: "a2", start_time: "2026-02-03T09:00", end_time: "2026-02-03T10:00" });
    await createEntry(t.db, b, { notes: "b1", start_time: "2026-02-02T11:00", end_time: "2026-02-02T12:00" });
    await startTimer(t.db, b, { notes: "b running" }, { stopRunning: true });
    for (let i = 0; i < 2; i++) {
      const listA = await listEntries(t.db, a, a.id, page);
      expect([listA.total, listA.items.map((r) => r.entry.description)]).toEqual([2, ["a2", "a1"]]);
      const listB = await listEntries(t.db, b, b.id, page);
      expect([listB.total, listB.items.map((r) => r.entry.description)]).toEqual([1, ["b1"]]);
      const withRunning = await listEntries(t.db, b, b.id, { ...page, include_active: true });
      expect(withRunning.items.map((r) => r.entry.description)).toEqual(["b running", "b1"]);
    }
  });
});
