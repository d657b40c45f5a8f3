import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgErrorCode } from "@/lib/errors";
import { makeUser } from "@/lib/testing/users";
import { clients, projects, tags, tasks, timeEntries, timeEntryTags } from "./schema";
import { createTestDb, type TestDb } from "./testing";

// The rules the database itself enforces, whatever code above it does.
let t: TestDb;
let alice: number;
let bob: number;
// Alice's and Bob's personal workspaces, and the (workspace, user) of their entries.
let aliceWs: number;
let bobWs: number;
let A: { workspaceId: number; userId: number };
let B: { workspaceId: number; userId: number };

beforeAll(async () => {
  t = await createTestDb();
  const a = await makeUser(t.db);
  const b = await makeUser(t.db);
  [alice, bob, aliceWs, bobWs] = [a.id, b.id, a.workspaceId, b.workspaceId];
  A = { workspaceId: aliceWs, userId: alice };
  B = { workspaceId: bobWs, userId: bob };
});
afterAll(() => t.cleanup());

async function failureCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return pgErrorCode(error);
  }
  return undefined;
}

describe("one running timer per user", () => {
  it("refuses a second entry without end for the same user, even when both are inserted at once", async () => {
    const start = new Date("2026-01-05T09:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => t.db.insert(timeEntries).values({ ...A, startAt: start })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.map((r) => pgErrorCode(r.reason))).toEqual(["23505", "23505", "23505", "23505"]);
    const running = await t.db.select().from(timeEntries).where(eq(timeEntries.userId, alice));
    expect(running.filter((e) => e.endAt === null)).toHaveLength(1);
  });

  it("lets another user run a timer, and the same user keep any number of stopped entries", async () => {
    await t.db.insert(timeEntries).values({ ...B, startAt: new Date() });
    await t.db.insert(timeEntries).values([
      { ...A, startAt: new Date("2026-01-01T09:00:00Z"), endAt: new Date("2026-01-01T10:00:00Z") },
      { ...A, startAt: new Date("2026-01-02T09:00:00Z"), endAt: new Date("2026-01-02T10:00:00Z") },
    ]);
    const rows = await t.db.select().from(timeEntries);
    expect(rows.filter((e) => e.userId === alice && e.endAt !== null)).toHaveLength(2);
  });
});

describe("ownership across tables", () => {
  it("refuses a project whose client belongs to another workspace", async () => {
    const [bobsClient] = await t.db.insert(clients).values({ workspaceId: bobWs, name: "Bob's client" }).returning();
    expect(await failureCode(t.db.insert(projects).values({ workspaceId: aliceWs, name: "Stolen", clientId: bobsClient.id }))).toBe("23503");
    const [ok] = await t.db.insert(projects).values({ workspaceId: bobWs, name: "Fine", clientId: bobsClient.id }).returning();
    expect(ok.clientId).toBe(bobsClient.id);
  });

  it("refuses an entry on another workspace's project, task or tag", async () => {
    const [bobsProject] = await t.db.insert(projects).values({ workspaceId: bobWs, name: "Bob only" }).returning();
    const [bobsTask] = await t.db.insert(tasks).values({ workspaceId: bobWs, projectId: bobsProject.id, name: "Bob task" }).returning();
    const [bobsTag] = await t.db.insert(tags).values({ workspaceId: bobWs, name: "deep-work" }).returning();
    const end = new Date("2026-01-03T10:00:00Z");
    const start = new Date("2026-01-03T09:00:00Z");
    expect(await failureCode(t.db.insert(timeEntries).values({ ...A, projectId: bobsProject.id, startAt: start, endAt: end }))).toBe("23503");

    const [alicesProject] = await t.db.insert(projects).values({ workspaceId: aliceWs, name: "Alice only" }).returning();
    expect(
      await failureCode(t.db.insert(timeEntries).values({ ...A, projectId: alicesProject.id, taskId: bobsTask.id, startAt: start, endAt: end })),
    ).toBe("23503");

    const [entry] = await t.db.insert(timeEntries).values({ ...A, projectId: alicesProject.id, startAt: start, endAt: end }).returning();
    expect(await failureCode(t.db.insert(timeEntryTags).values({ workspaceId: aliceWs, entryId: entry.id, tagId: bobsTag.id }))).toBe("23503");
  });

  it("refuses a task from another project of the same workspace, and a task without a project", async () => {
    const [p1] = await t.db.insert(projects).values({ workspaceId: aliceWs, name: "P1" }).returning();
    const [p2] = await t.db.insert(projects).values({ workspaceId: aliceWs, name: "P2" }).returning();
    const [task] = await t.db.insert(tasks).values({ workspaceId: aliceWs, projectId: p1.id, name: "T" }).returning();
    const times = { startAt: new Date("2026-01-04T09:00:00Z"), endAt: new Date("2026-01-04T09:30:00Z") };
    expect(await failureCode(t.db.insert(timeEntries).values({ ...A, projectId: p2.id, taskId: task.id, ...times }))).toBe("23503");
    expect(await failureCode(t.db.insert(timeEntries).values({ ...A, taskId: task.id, ...times }))).toBe("23514");
  });
});

describe("entry times", () => {
  it("refuses an end before the start", async () => {
    const code = await failureCode(
      t.db.insert(timeEntries).values({ ...B, startAt: new Date("2026-01-02T10:00:00Z"), endAt: new Date("2026-01-02T09:00:00Z") }),
    );
    expect(code).toBe("23514");
  });

  it("keeps instants exactly, whatever the session time zone", async () => {
    const startAt = new Date("2026-03-29T00:59:59.123Z"); // the hour Europe's clocks jump
    const [row] = await t.db.insert(timeEntries).values({ ...B, startAt, endAt: new Date("2026-03-29T01:00:00Z") }).returning();
    const [back] = await t.db.select().from(timeEntries).where(eq(timeEntries.id, row.id));
    expect(back.startAt.toISOString()).toBe("2026-03-29T00:59:59.123Z");
  });
});

describe("names", () => {
  it("treats client and tag names case-insensitively unique per workspace", async () => {
    await t.db.insert(tags).values({ workspaceId: aliceWs, name: "Meeting" });
    expect(await failureCode(t.db.insert(tags).values({ workspaceId: aliceWs, name: "meeting" }))).toBe("23505");
    await t.db.insert(tags).values({ workspaceId: bobWs, name: "meeting" });
  });
});
