import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { updateSettings } from "@/lib/users/service";
import { getRunningEntry, getRunningEntryDetails, startTimer, stopTimer } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const err = (p: Promise<unknown>) => p.then(() => null, (e) => e);

describe("the one running timer", () => {
  it("starting while one runs stops it at the very instant the new one starts", async () => {
    const user = await makeUser(t.db);
    const first = await startTimer(t.db, user, { notes: "first" }, { stopRunning: true, now: new Date("2026-05-01T09:00:00Z") });
    const second = await startTimer(t.db, user, { notes: "second" }, { stopRunning: true, now: new Date("2026-05-01T10:30:00Z") });
    const rows = await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id));
    const stopped = rows.find((r) => r.id === first.entry.id)!;
    expect(stopped.endAt?.toISOString()).toBe("2026-05-01T10:30:00.000Z");
    expect(second.entry.startAt.toISOString()).toBe("2026-05-01T10:30:00.000Z");
    expect(rows.filter((r) => r.endAt === null).map((r) => r.description)).toEqual(["second"]);
  });

  it("holds when many starts arrive at once (two tabs, many clicks): exactly one runs, none is lost", async () => {
    const user = await makeUser(t.db);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => startTimer(t.db, user, { notes: `tab ${i}` }, { stopRunning: true })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id));
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.endAt === null)).toHaveLength(1);
    for (const r of rows) if (r.endAt) expect(r.endAt.getTime()).toBeGreaterThanOrEqual(r.startAt.getTime());
  });

  it("the API's start refuses with timer_already_running, also under concurrency", async () => {
    const user = await makeUser(t.db);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => startTimer(t.db, user, {}, { stopRunning: false, source: "api" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason.code).toBe("timer_already_running");
    const running = await t.db.select().from(timeEntries).where(and(eq(timeEntries.userId, user.id), isNull(timeEntries.endAt)));
    expect(running).toHaveLength(1);
  });
});

describe("the running session's details", () => {
  it("come in one query with the names a list shows, and are null when nothing runs", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    expect(await getRunningEntryDetails(t.db, user)).toBeNull();
    const project = await createProject(t.db, user, { name: "Website" });
    await startTimer(t.db, user, { notes: "Homepage", project_id: project.id, tags: "design" }, { stopRunning: true });
    await startTimer(t.db, other, { notes: "Theirs" }, { stopRunning: true });
    const running = await getRunningEntryDetails(t.db, user);
    expect([running?.entry.description, running?.projectName, running?.userName, running?.tags]).toEqual(["Homepage", "Website", user.name, ["design"]]);
    await stopTimer(t.db, user, {});
    expect(await getRunningEntryDetails(t.db, user)).toBeNull();
  });
});

describe("stopping", () => {
  it("stops now, or at a past time the user picks, but not before the start or in the future", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await startTimer(t.db, user, { notes: "forgot it" }, { stopRunning: true, now: new Date("2026-06-01T07:00:00Z") });
    const now = new Date("2026-06-01T20:00:00Z");
    expect((await err(stopTimer(t.db, user, { end_time: "2026-06-01T08:00" }, now))).details.fields.end_time[0]).toBe("The timer cannot stop before it started.");
    expect((await err(stopTimer(t.db, user, { end_time: "2026-06-02T08:00" }, now))).details.fields.end_time[0]).toBe("The timer cannot stop in the future: pick a time up to now.");
    // 17:30 in Berlin (UTC+2) is 15:30Z.
    const stopped = await stopTimer(t.db, user, { end_time: "2026-06-01T17:30" }, now);
    expect(stopped.entry.endAt?.toISOString()).toBe("2026-06-01T15:30:00.000Z");
    expect(await getRunningEntry(t.db, user)).toBeUndefined();
    expect((await err(stopTimer(t.db, user, {}, now))).code).toBe("no_active_timer");
  });

  it("takes the project's billable flag unless told otherwise, and refuses someone else's project", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const project = await createProject(t.db, user, { name: "Billable work", billable: true });
    const entry = await startTimer(t.db, user, { project_id: project.id, tags: "a, B ,a" }, { stopRunning: true });
    expect(entry.entry.billable).toBe(true);
    expect(entry.tags).toEqual(["a", "B"]);
    const theirs = await createProject(t.db, other, { name: "Not yours" });
    const denied = await err(startTimer(t.db, user, { project_id: theirs.id }, { stopRunning: true }));
    expect(denied.details.fields.project_id).toEqual(["No such project."]);
    // The refused start changed nothing: the first timer still runs.
    expect((await getRunningEntry(t.db, user))?.id).toBe(entry.entry.id);
  });
});

describe("the maximum session length", () => {
  it("a timer that ran longer than the user's maximum is not stopped now: the message says how to proceed, and it keeps running", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await startTimer(t.db, user, { notes: "left running" }, { stopRunning: true, now: new Date("2026-06-01T07:00:00Z") });
    const now = new Date("2026-06-02T09:30:00Z"); // 26.5 h later
    const refused = await err(stopTimer(t.db, user, {}, now));
    expect(refused.code).toBe("validation_error");
    expect(refused.details.fields.end_time).toEqual([
      "This timer has run for 26 h 30 min, longer than a session can be (24 h). Stop it at the time you finished, Tue 2 Jun 09:00 or earlier (Stop at a past time…), or raise the limit in Settings → Maximum session length.",
    ]);
    expect(refused.message).toBe(refused.details.fields.end_time[0]);
    expect((await getRunningEntry(t.db, user))?.description).toBe("left running");
    // A chosen end past the limit is refused the same way; one within it stops the timer.
    const chosen = await err(stopTimer(t.db, user, { end_time: "2026-06-02T10:00" }, now));
    expect(chosen.details.fields.end_time[0]).toMatch(/^Stopped then, this session would last 25 h, longer than a session can be \(24 h\)/);
    const stopped = await stopTimer(t.db, user, { end_time: "2026-06-01T18:00" }, now);
    expect(stopped.entry.endAt?.toISOString()).toBe("2026-06-01T16:00:00.000Z");
  });

  it("starting a new timer does not stop an over-long one behind the user's back: it refuses and changes nothing", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const old = await startTimer(t.db, user, { notes: "weekend" }, { stopRunning: true, now: new Date("2026-06-05T17:00:00Z") });
    const refused = await err(startTimer(t.db, user, { notes: "monday" }, { stopRunning: true, now: new Date("2026-06-08T09:00:00Z") }));
    expect(refused.code).toBe("conflict");
    expect(refused.message).toMatch(/^The running timer was not stopped, so no new one started\. This timer has run for 2 days 16 h, .*Stop at a past time/);
    const rows = await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id));
    expect(rows.map((r) => [r.id, r.endAt])).toEqual([[old.entry.id, null]]);
  });

  it("follows the user's setting: with 7 days allowed, a 3-day timer stops normally", async () => {
    const user = await makeUser(t.db);
    const patient = await updateSettings(t.db, user.id, { max_entry_minutes: 10_080 });
    await startTimer(t.db, { ...user, ...patient }, { notes: "long run" }, { stopRunning: true, now: new Date("2026-06-01T00:00:00Z") });
    const stopped = await stopTimer(t.db, { ...user, ...patient }, {}, new Date("2026-06-04T00:00:00Z"));
    expect(stopped.entry.endAt?.toISOString()).toBe("2026-06-04T00:00:00.000Z");
  });
});
