import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createProject } from "@/lib/projects/service";
import { eq } from "drizzle-orm";
import { deletedTimeEntries } from "@/db/schema";
import { deleteTag, listTags } from "@/lib/tags/service";
import { createTask, deleteTask } from "@/lib/tasks/service";
import { makeUser } from "@/lib/testing/users";
import { startTimer, stopTimer } from "@/lib/timer/service";
import { updateSettings } from "@/lib/users/service";
import { createEntry, deleteEntry, getEntryOrThrow, listEntries, restoreEntry, updateEntry } from "./service";

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
    const before = (await listEntries(t.db, user, { ...page, include_active: true })).total;
    const backwards = await err(createEntry(t.db, user, { notes: "x", start_time: "2026-03-02T10:00", end_time: "2026-03-02T09:00" }));
    expect(backwards.details.fields.end_time).toEqual(["The end must be after the start."]);
    const nonsense = await err(createEntry(t.db, user, { notes: "x", start_time: "yesterday-ish", end_time: "2026-03-02T09:00" }));
    expect(nonsense.details.fields.start_time[0]).toMatch(/Use a date and time like/);
    const long = await err(createEntry(t.db, user, { notes: "x".repeat(501), start_time: "2026-03-02T08:00", end_time: "2026-03-02T09:00" }));
    expect(long.details.fields.notes).toEqual(["Use at most 500 characters."]);
    expect((await listEntries(t.db, user, { ...page, include_active: true })).total).toBe(before);
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
    const p1 = await createProject(t.db, user, { name: "One", billable: false });
    const p2 = await createProject(t.db, user, { name: "Two", billable: true });
    const task = await createTask(t.db, user, { name: "Task of one", project_id: p1.id });
    const e = await createEntry(t.db, user, { notes: "Draft", start_time: "2026-02-01T09:00Z", end_time: "2026-02-01T10:00Z", task_id: task.id, tags: ["x"] });
    expect([e.entry.projectId, e.entry.taskId, e.entry.billable]).toEqual([p1.id, task.id, false]); // the task implied its project

    const moved = await updateEntry(t.db, user, e.entry.id, { project_id: p2.id, notes: "Final", tags: "y, z" });
    expect([moved.entry.projectId, moved.entry.taskId, moved.entry.billable, moved.entry.description, moved.tags]).toEqual([p2.id, null, true, "Final", ["y", "z"]]);

    const mismatch = await err(updateEntry(t.db, user, e.entry.id, { project_id: p2.id, task_id: task.id }));
    expect(mismatch.details.fields.task_id).toEqual(["This task belongs to another project."]);
    const theirProject = await createProject(t.db, other, { name: "Theirs" });
    expect((await err(updateEntry(t.db, user, e.entry.id, { project_id: theirProject.id }))).details.fields.project_id).toEqual(["No such project."]);
    expect((await err(updateEntry(t.db, other, e.entry.id, { notes: "mine now" }))).code).toBe("not_found");
    expect((await err(deleteEntry(t.db, other, e.entry.id))).code).toBe("not_found");
    expect((await getEntryOrThrow(t.db, user, e.entry.id)).entry.description).toBe("Final");

    const backwards = await err(updateEntry(t.db, user, e.entry.id, { end_time: "2026-02-01T08:00Z" }));
    expect(backwards.details.fields.end_time).toEqual(["The end must be after the start."]);
    await deleteEntry(t.db, user, e.entry.id);
    expect((await err(getEntryOrThrow(t.db, user, e.entry.id))).code).toBe("not_found");
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
    const p = await createProject(t.db, user, { name: "P", billable: true });
    // 23:00-01:00 Tokyo time across the night of Jan 9 to Jan 10.
    await createEntry(t.db, user, { notes: "night", start_time: "2026-01-09T23:00", end_time: "2026-01-10T01:00", project_id: p.id });
    await createEntry(t.db, user, { notes: "morning", start_time: "2026-01-10T09:00", end_time: "2026-01-10T10:00" });
    await createEntry(t.db, user, { notes: "next day", start_time: "2026-01-11T09:00", end_time: "2026-01-11T10:00" });
    const jan10 = await listEntries(t.db, user, { ...page, start_date: "2026-01-10", end_date: "2026-01-10" });
    expect(jan10.items.map((r) => r.entry.description)).toEqual(["morning", "night"]);
    const billable = await listEntries(t.db, user, { ...page, billable: true });
    expect(billable.items.map((r) => r.entry.description)).toEqual(["night"]);
    const byProject = await listEntries(t.db, user, { ...page, project_id: p.id });
    expect(byProject.total).toBe(1);
    const paged = await listEntries(t.db, user, { page: 2, per_page: 2 });
    expect([paged.total, paged.items.map((r) => r.entry.description)]).toEqual([3, ["night"]]);
    expect((await err(listEntries(t.db, user, { ...page, start_date: "2026-01-10", end_date: "2026-01-09" }))).code).toBe("validation_error");
  });

  it("answers each owner with their own entries, however often the same filters are used (statements are prepared once)", async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    await createEntry(t.db, a, { notes: "a1", start_time: "2026-02-02T09:00", end_time: "2026-02-02T10:00" });
    await createEntry(t.db, a, { notes: "a2", start_time: "2026-02-03T09:00", end_time: "2026-02-03T10:00" });
    await createEntry(t.db, b, { notes: "b1", start_time: "2026-02-02T11:00", end_time: "2026-02-02T12:00" });
    await startTimer(t.db, b, { notes: "b running" }, { stopRunning: true });
    for (let i = 0; i < 2; i++) {
      const listA = await listEntries(t.db, a, page);
      expect([listA.total, listA.items.map((r) => r.entry.description)]).toEqual([2, ["a2", "a1"]]);
      const listB = await listEntries(t.db, b, page);
      expect([listB.total, listB.items.map((r) => r.entry.description)]).toEqual([1, ["b1"]]);
      const withRunning = await listEntries(t.db, b, { ...page, include_active: true });
      expect(withRunning.items.map((r) => r.entry.description)).toEqual(["b running", "b1"]);
    }
  });
});

describe("the rules every path shares", () => {
  const now = new Date("2026-05-04T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it("an entry may not end in the future, beyond a minute of clock skew; the error names the field that was sent", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const future = await err(createEntry(t.db, user, { notes: "x", start_time: ago(60), end_time: ago(-2) }, { now }));
    expect(future.code).toBe("validation_error");
    expect(future.details.fields.end_time[0]).toMatch(/^A session cannot end in the future\. .*start the timer/);
    const byDuration = await err(createEntry(t.db, user, { notes: "x", start_time: ago(30), duration_seconds: 3600 }, { now }));
    expect(Object.keys(byDuration.details.fields)).toEqual(["duration_seconds"]);
    // Half a minute ahead is clock skew, not the future.
    const skewed = await createEntry(t.db, user, { notes: "skew", start_time: ago(60), end_time: new Date(now.getTime() + 30_000).toISOString() }, { now });
    expect(skewed.entry.endAt?.toISOString()).toBe("2026-05-04T12:00:30.000Z");
    // Editing: moving the end into the future is refused, the entry stays as it was.
    const moved = await err(updateEntry(t.db, user, skewed.entry.id, { end_time: ago(-10) }, { now }));
    expect(moved.details.fields.end_time[0]).toMatch(/cannot end in the future/);
    expect((await getEntryOrThrow(t.db, user, skewed.entry.id)).entry.endAt?.toISOString()).toBe("2026-05-04T12:00:30.000Z");
  });

  it("an entry longer than the user's maximum (24 h by default) is refused with the limit and where to change it", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    expect(user.maxEntryMinutes).toBe(1440);
    const long = await err(createEntry(t.db, user, { notes: "x", start_time: "2026-05-01T08:00", end_time: "2026-05-02T08:01" }, { now }));
    expect(long.details.fields.end_time).toEqual(["A session can be at most 24 h long (Settings → Maximum session length). Check the start and end, or split it into several sessions."]);
    const byDuration = await err(createEntry(t.db, user, { notes: "x", start_time: "2026-05-01T08:00", duration_seconds: 25 * 3600 }, { now }));
    expect(byDuration.details.fields.duration_seconds[0]).toMatch(/^A session can be at most 24 h long/);
    const exactly = await createEntry(t.db, user, { notes: "a whole day", start_time: "2026-05-01T08:00", end_time: "2026-05-02T08:00" }, { now });
    expect(exactly.entry.endAt?.toISOString()).toBe("2026-05-02T08:00:00.000Z");
    const stretched = await err(updateEntry(t.db, user, exactly.entry.id, { start_time: "2026-05-01T07:00" }, { now }));
    expect(stretched.details.fields.start_time[0]).toMatch(/at most 24 h long/);

    const patient = await updateSettings(t.db, user.id, { max_entry_minutes: 3 * 1440 });
    const threeDays = await createEntry(t.db, { ...user, ...patient }, { notes: "conference", start_time: "2026-05-01T00:00", end_time: "2026-05-03T23:00" }, { now });
    expect(threeDays.entry.id).toBeGreaterThan(0);
    expect((await err(createEntry(t.db, { ...user, ...patient }, { notes: "x", start_time: "2026-04-20T00:00", end_time: "2026-04-23T00:01" }, { now }))).details.fields.end_time[0]).toMatch(/at most 3 days long/);
  });

  it("an edit that leaves the times of an over-long entry alone is not refused (it was saved under a higher limit)", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const roomy = await updateSettings(t.db, user.id, { max_entry_minutes: 2 * 1440 });
    const e = await createEntry(t.db, { ...user, ...roomy }, { notes: "offsite", start_time: "2026-05-01T08:00", end_time: "2026-05-02T20:00" }, { now });
    const strict = await updateSettings(t.db, user.id, { max_entry_minutes: 1440 });
    const renamed = await updateEntry(t.db, { ...user, ...strict }, e.entry.id, { notes: "Offsite, day 1-2", tags: "travel", start_time: "2026-05-01T08:00" }, { now });
    expect([renamed.entry.description, renamed.tags, renamed.entry.endAt?.toISOString()]).toEqual(["Offsite, day 1-2", ["travel"], "2026-05-02T20:00:00.000Z"]);
    const retimed = await err(updateEntry(t.db, { ...user, ...strict }, e.entry.id, { end_time: "2026-05-02T19:00" }, { now }));
    expect(retimed.details.fields.end_time[0]).toMatch(/at most 24 h long/);
  });

  it("a running timer may not start further back than the maximum (it could never be stopped)", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const tooOld = await err(createEntry(t.db, user, { notes: "x", start_time: ago(25 * 60) }, { now }));
    expect(tooOld.details.fields.start_time[0]).toMatch(/^A session can be at most 24 h long .*add it as a past session with its end/);
    const running = await createEntry(t.db, user, { notes: "running", start_time: ago(60) }, { now });
    const movedBack = await err(updateEntry(t.db, user, running.entry.id, { start_time: ago(26 * 60) }, { now }));
    expect(movedBack.details.fields.start_time[0]).toMatch(/at most 24 h long/);
    expect((await getEntryOrThrow(t.db, user, running.entry.id)).entry.startAt.toISOString()).toBe(ago(60));
    const stopped = await stopTimer(t.db, user, {}, now);
    expect(stopped.entry.endAt?.toISOString()).toBe(now.toISOString());
  });
});

describe("delete and restore (server-side undo)", () => {
  it("a deleted entry is gone at once for every reader, and restore brings back the same id, project, task and tags", async () => {
    const user = await makeUser(t.db);
    const project = await createProject(t.db, user, { name: "Client work", billable: true });
    const task = await createTask(t.db, user, { name: "Design", project_id: project.id });
    const e = await createEntry(t.db, user, { notes: "Logo", task_id: task.id, tags: "design, review", start_time: "2026-03-09T09:00Z", end_time: "2026-03-09T11:00Z" });
    await deleteEntry(t.db, user, e.entry.id);
    expect((await err(getEntryOrThrow(t.db, user, e.entry.id))).code).toBe("not_found");
    expect((await listEntries(t.db, user, page)).items.map((r) => r.entry.id)).not.toContain(e.entry.id);
    expect((await listTags(t.db, user)).map((tag) => [tag.name, tag.entries])).toEqual([["design", 0], ["review", 0]]);

    const back = await restoreEntry(t.db, user, e.entry.id);
    expect([back.entry.id, back.entry.projectId, back.entry.taskId, back.entry.description, back.tags, back.entry.billable]).toEqual([e.entry.id, project.id, task.id, "Logo", ["design", "review"], true]);
    expect([back.entry.startAt, back.entry.endAt, back.entry.createdAt]).toEqual([e.entry.startAt, e.entry.endAt, e.entry.createdAt]);
    expect(await t.db.select().from(deletedTimeEntries).where(eq(deletedTimeEntries.id, e.entry.id))).toEqual([]);
    // Restoring what is not deleted says so; another user cannot restore it (nor learn that it exists).
    expect((await err(restoreEntry(t.db, user, e.entry.id))).code).toBe("conflict");
    const other = await makeUser(t.db);
    await deleteEntry(t.db, user, e.entry.id);
    expect((await err(restoreEntry(t.db, other, e.entry.id))).code).toBe("not_found");
    expect((await err(deleteEntry(t.db, other, e.entry.id))).code).toBe("not_found");
  });

  it("only within 10 minutes; after a day the trash row is purged by a later deletion", async () => {
    const user = await makeUser(t.db);
    const deletedAt = new Date("2026-03-10T12:00:00Z");
    const e = await createEntry(t.db, user, { notes: "old", start_time: "2026-03-10T09:00Z", end_time: "2026-03-10T10:00Z" });
    await deleteEntry(t.db, user, e.entry.id, deletedAt);
    const late = await err(restoreEntry(t.db, user, e.entry.id, new Date(deletedAt.getTime() + 11 * 60_000)));
    expect([late.code, late.status, late.message]).toEqual(["gone", 410, "Too late to undo: a deleted entry can be restored for 10 minutes, and this one was deleted 11 minutes ago."]);
    const later = await createEntry(t.db, user, { notes: "later", start_time: "2026-03-11T09:00Z", end_time: "2026-03-11T10:00Z" });
    await deleteEntry(t.db, user, later.entry.id, new Date(deletedAt.getTime() + 25 * 3_600_000));
    expect((await t.db.select({ id: deletedTimeEntries.id }).from(deletedTimeEntries).where(eq(deletedTimeEntries.userId, user.id))).map((r) => r.id)).toEqual([later.entry.id]);
    expect((await err(restoreEntry(t.db, user, e.entry.id))).code).toBe("not_found");
  });

  it("refuses clearly when its task was deleted since, or when it was a running timer and another runs; leaves deleted tags off", async () => {
    const user = await makeUser(t.db);
    const project = await createProject(t.db, user, { name: "Site" });
    const task = await createTask(t.db, user, { name: "Copy", project_id: project.id });
    const e = await createEntry(t.db, user, { notes: "Texts", task_id: task.id, tags: "keep, drop", start_time: "2026-03-12T09:00Z", end_time: "2026-03-12T10:00Z" });
    await deleteEntry(t.db, user, e.entry.id);
    await deleteTask(t.db, user, task.id);
    const refused = await err(restoreEntry(t.db, user, e.entry.id));
    expect([refused.code, refused.message]).toEqual(["conflict", "This entry cannot be restored: its task “Copy” has been deleted or moved since."]);

    const tagged = await createEntry(t.db, user, { notes: "Tagged", project_id: project.id, tags: "keep, drop", start_time: "2026-03-13T09:00Z", end_time: "2026-03-13T10:00Z" });
    await deleteEntry(t.db, user, tagged.entry.id);
    await deleteTag(t.db, user, (await listTags(t.db, user)).find((tag) => tag.name === "drop")!.id);
    expect((await restoreEntry(t.db, user, tagged.entry.id)).tags).toEqual(["keep"]);

    const running = await startTimer(t.db, user, { notes: "first" }, { stopRunning: true });
    await deleteEntry(t.db, user, running.entry.id);
    await startTimer(t.db, user, { notes: "second" }, { stopRunning: true });
    const collides = await err(restoreEntry(t.db, user, running.entry.id));
    expect([collides.code, collides.message]).toEqual(["timer_already_running", "This entry was a running timer, and another timer runs now: stop that one first, then undo."]);
    await stopTimer(t.db, user, {});
    expect((await restoreEntry(t.db, user, running.entry.id)).entry.endAt).toBeNull();
  });
});
