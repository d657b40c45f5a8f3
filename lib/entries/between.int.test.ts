import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { listEntriesBetween } from "./between";

// What the Timer page renders on the server: every session of a week, as the API lists them page by page.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("the entries between two local dates, every page", () => {
  it("holds all of a busy week (more than one page), the running timer and a session from the day before, newest first, and no one else's", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const other = await makeUser(t.db, { timezone: "Europe/Berlin" });
    // 230 ten-minute sessions from Monday 2026-06-08 07:00 Berlin, and one across Sunday's midnight.
    const rows = Array.from({ length: 230 }, (_, i) => {
      const start = new Date(Date.parse("2026-06-08T05:00:00Z") + i * 15 * 60_000);
      return { workspaceId: user.workspaceId, userId: user.id, startAt: start, endAt: new Date(start.getTime() + 10 * 60_000), description: `s${i}` };
    });
    await t.db.insert(timeEntries).values([
      ...rows,
      { workspaceId: user.workspaceId, userId: user.id, startAt: new Date("2026-06-07T21:00:00Z"), endAt: new Date("2026-06-07T23:00:00Z"), description: "across midnight" },
      { workspaceId: user.workspaceId, userId: user.id, startAt: new Date("2026-06-11T09:00:00Z"), endAt: null, description: "running" },
      { workspaceId: user.workspaceId, userId: user.id, startAt: new Date("2026-06-01T09:00:00Z"), endAt: new Date("2026-06-01T10:00:00Z"), description: "last week" },
      { workspaceId: other.workspaceId, userId: other.id, startAt: new Date("2026-06-09T09:00:00Z"), endAt: new Date("2026-06-09T10:00:00Z"), description: "someone else's" },
    ]);
    const now = new Date("2026-06-11T12:00:00Z");
    const list = await listEntriesBetween(t.db, user, { from: "2026-06-08", to: "2026-06-14" }, now);
    expect(list).toHaveLength(232);
    expect(list[0]).toMatchObject({ notes: "running", is_active: true, end_time: null, duration_seconds: 3 * 3600 });
    expect(list.slice(1, 4).map((e) => e.notes)).toEqual(["s229", "s228", "s227"]);
    expect(list.at(-1)).toMatchObject({ notes: "across midnight", start_time: "2026-06-07T21:00:00.000Z" });
    expect(new Set(list.map((e) => e.id)).size).toBe(232);
    expect(list.map((e) => e.notes)).not.toContain("last week");
    expect(list.map((e) => e.notes)).not.toContain("someone else's");
  });
});
