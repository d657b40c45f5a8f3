import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { entrySyncLinks, integrationConnections, projects } from "@/db/schema";
import { createEntry, deleteEntry, restoreEntry, updateEntry } from "@/lib/entries/service";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { startTimer, stopTimer } from "@/lib/timer/service";
import { queryRows } from "@/db/rows";
import { claimDueLinks } from "./claim";
import { importProjects } from "./import-projects";
import { pushLink } from "./push";
import { pushDueLinks } from "./worker";
import { connectMemory, drain, FAST, linkOf, testProviders } from "@/e2e/support/sync-engine";

let t: TestDb;
beforeAll(async () => {
  // The OAuth client Stint would be registered as (lib/integrations/oauth-app.ts).
  process.env.MEMORY_CLIENT_ID = "stint-test";
  process.env.MEMORY_CLIENT_SECRET = "stint-test-secret";
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const remoteNotes = (logs: Map<string, { notes: string }>) => [...logs.values()].map((l) => l.notes).sort();

describe("the outbox follows every change of an entry", () => {
  it("create, edit, become incomplete, complete again, move to a local project, delete: the remote matches each time", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project, task } = await connectMemory(t.db, user);
    const local = await createProject(t.db, user, { name: "Local only" });

    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Wireframes", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:30:00Z" });
    await drain(t.db, connection.id);
    expect([...system.logs.values()]).toMatchObject([{ entryId: e.entry.id, notes: "Wireframes", minutes: 90, project: "9000000000000000001", task: null, date: "2026-03-02" }]);
    const first = await linkOf(t.db, e.entry.id);
    expect(first).toMatchObject({ state: "synced", attempt: null, lastError: null });
    expect(first.remoteId).toBe([...system.logs.keys()][0]);

    await updateEntry(t.db, user, e.entry.id, { notes: "Wireframes v2", task_id: task.id, end_time: "2026-03-02T11:00:00Z" });
    await drain(t.db, connection.id);
    expect([...system.logs.values()]).toMatchObject([{ notes: "Wireframes v2", minutes: 120, task: "7000000000000000001" }]);
    expect(system.calls.create).toBe(1);

    await updateEntry(t.db, user, e.entry.id, { notes: "" });
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(0);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "incomplete", lastError: "Needs a description", remoteId: null });

    await updateEntry(t.db, user, e.entry.id, { notes: "Back again" });
    await drain(t.db, connection.id);
    expect(remoteNotes(system.logs)).toEqual(["Back again"]);

    await updateEntry(t.db, user, e.entry.id, { project_id: local.id });
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(0);
    expect(await linkOf(t.db, e.entry.id)).toBeUndefined();

    await updateEntry(t.db, user, e.entry.id, { project_id: project.id });
    await drain(t.db, connection.id);
    expect(remoteNotes(system.logs)).toEqual(["Back again"]);
    await deleteEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(0);
    expect(await linkOf(t.db, e.entry.id)).toBeUndefined();
  });

  it("delete + undo (restore): the remote log ends up matching whether the worker ran in between or not", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Undone", start_time: "2026-03-05T09:00:00Z", end_time: "2026-03-05T10:00:00Z" });
    await drain(t.db, connection.id);
    const remoteId = (await linkOf(t.db, e.entry.id)).remoteId;

    // Undo before the worker saw the deletion: the same remote log stays (updated in place, never duplicated).
    await deleteEntry(t.db, user, e.entry.id);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "pending" });
    await restoreEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect([...system.logs.entries()].map(([id, l]) => [id, l.notes])).toEqual([[remoteId, "Undone"]]);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "synced", remoteId });
    expect(system.calls.create).toBe(1);

    // Undo after the worker removed the remote log: it is sent again.
    await deleteEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(0);
    expect(await linkOf(t.db, e.entry.id)).toBeUndefined();
    await restoreEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect(remoteNotes(system.logs)).toEqual(["Undone"]);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "synced", remoteId: [...system.logs.keys()][0] });
  });

  it("never pushes a running timer; pushes it once stopped", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    const running = await startTimer(t.db, user, { notes: "Call", project_id: project.id }, { stopRunning: false, now: new Date(Date.now() - 3_600_000) });
    await drain(t.db, connection.id);
    expect(system.calls.create).toBe(0);
    expect(await linkOf(t.db, running.entry.id)).toMatchObject({ state: "incomplete", lastError: "Still running" });
    await stopTimer(t.db, user, {});
    await drain(t.db, connection.id);
    expect([...system.logs.values()]).toMatchObject([{ entryId: running.entry.id, notes: "Call" }]);
  });

  it("an imported project whose name a local project already has gets “ (2)”, and a re-import keeps it", async () => {
    const user = await makeUser(t.db);
    await createProject(t.db, user, { name: "remote WEBSITE" });
    const { connection, project } = await connectMemory(t.db, user);
    expect(project.name).toBe("Remote website (2)");
    await importProjects(t.db, connection, undefined, testProviders);
    const [again] = await t.db.select({ name: projects.name }).from(projects).where(eq(projects.id, project.id));
    expect(again.name).toBe("Remote website (2)");
  });

  it("entries of local projects never reach the outbox", async () => {
    const user = await makeUser(t.db);
    await connectMemory(t.db, user);
    const local = await createProject(t.db, user, { name: "Mine" });
    const e = await createEntry(t.db, user, { project_id: local.id, notes: "Local", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z" });
    expect(await linkOf(t.db, e.entry.id)).toBeUndefined();
  });
});

describe("failures", () => {
  it("500s, a lost answer and a 429 are retried with backoff: one log in the end, no duplicate", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    system.faults.push("500", "lost-answer", "429", "500");
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Flaky", start_time: "2026-03-03T09:00:00Z", end_time: "2026-03-03T10:00:00Z" });
    await drain(t.db, connection.id);
    expect(remoteNotes(system.logs)).toEqual(["Flaky"]);
    const link = await linkOf(t.db, e.entry.id);
    expect(link).toMatchObject({ state: "synced", attempts: 0, attempt: null });
    expect(system.calls.find).toBeGreaterThanOrEqual(1); // the lost answer was reconciled, not re-created blindly
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn.blockedUntil).not.toBeNull(); // the 429 paused the connection
  });

  it("a transient failure leaves the link pending with the reason and a later next attempt", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    system.faults.push("500");
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Later", start_time: "2026-03-03T09:00:00Z", end_time: "2026-03-03T10:00:00Z" });
    const before = Date.now();
    await pushDueLinks(t.db, { backoff: { baseMs: 60_000, capMs: 60_000 }, providers: testProviders }, connection.id);
    const link = await linkOf(t.db, e.entry.id);
    expect(link).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 500 from the fake", leaseOwner: null });
    expect(link.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
  });

  it("a permanent refusal marks only that entry failed, with the reason", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    system.faults.push("permanent");
    const bad = await createEntry(t.db, user, { project_id: project.id, notes: "Refused", start_time: "2026-03-04T09:00:00Z", end_time: "2026-03-04T10:00:00Z" });
    // One at a time: a batch may push its links in any order, and the fault goes to whichever is first.
    await drain(t.db, connection.id);
    await createEntry(t.db, user, { project_id: project.id, notes: "Fine", start_time: "2026-03-04T11:00:00Z", end_time: "2026-03-04T12:00:00Z" });
    await drain(t.db, connection.id);
    expect(await linkOf(t.db, bad.entry.id)).toMatchObject({ state: "failed", lastError: "The fake refused this log (HTTP 400)." });
    expect(remoteNotes(system.logs)).toEqual(["Fine"]);
  });

  it("an expired access token is refreshed once and the push goes through", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    const refreshes = system.calls.refresh;
    system.expireAccessTokens();
    await createEntry(t.db, user, { project_id: project.id, notes: "After expiry", start_time: "2026-03-05T09:00:00Z", end_time: "2026-03-05T10:00:00Z" });
    await drain(t.db, connection.id);
    expect(remoteNotes(system.logs)).toEqual(["After expiry"]);
    expect(system.calls.refresh).toBe(refreshes + 1);
  });

  it("revoked credentials stop the connection with a visible reason; nothing is retried until reconnect", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    system.revokeAll();
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Nowhere", start_time: "2026-03-05T09:00:00Z", end_time: "2026-03-05T10:00:00Z" });
    await pushDueLinks(t.db, FAST, connection.id);
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn.status).toBe("error");
    expect(conn.lastError).toMatch(/revoked.*reconnect/);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "pending" });
    expect(await claimDueLinks(t.db, "someone", 10, connection.id)).toEqual([]);
    expect(system.logs.size).toBe(0);
  });
});

describe("exactly once", () => {
  it("a worker that dies between the remote create and its commit: the next one adopts the log instead of creating another", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Crash", start_time: "2026-03-06T09:00:00Z", end_time: "2026-03-06T10:00:00Z" });
    const [link] = await claimDueLinks(t.db, "doomed", 1, connection.id);
    // The doomed worker freezes for good right after the remote create: like a kill, it writes nothing more.
    void pushLink(t.db, link, { workerId: "doomed", backoff: FAST.backoff!, providers: testProviders, afterRemoteCreate: () => new Promise<never>(() => {}) });
    await expect.poll(() => system.logs.size).toBe(1);
    expect((await linkOf(t.db, e.entry.id)).attempt).toMatchObject({ op: "create", worker: "doomed" });
    // Its lease runs out; a new worker takes over.
    await t.db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, e.entry.id));
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(1);
    expect(system.calls.create).toBe(1);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "synced", remoteId: [...system.logs.keys()][0], attempt: null });
  });

  it("two workers at once on 200 entries: each log is created exactly once", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user);
    await t.db.execute(sql`insert into time_entries (workspace_id, user_id, project_id, description, start_at, end_at)
      select ${user.workspaceId}, ${user.id}, ${project.id}, 'Bulk ' || g, timestamptz '2026-01-01 09:00Z' + g * interval '1 day', timestamptz '2026-01-01 10:00Z' + g * interval '1 day'
      from generate_series(1, 200) g`);
    await Promise.all([
      pushDueLinks(t.db, { ...FAST, workerId: "a", batch: 7 }, connection.id),
      pushDueLinks(t.db, { ...FAST, workerId: "b", batch: 7 }, connection.id),
      pushDueLinks(t.db, { ...FAST, workerId: "c", batch: 7 }, connection.id),
    ]);
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(200);
    expect(system.calls.create).toBe(200);
    expect(new Set([...system.logs.values()].map((l) => l.entryId)).size).toBe(200);
  });
});

describe("credentials", () => {
  it("are sealed: neither the refresh token nor the access token appears in the database's text", async () => {
    const user = await makeUser(t.db);
    const { connection, project } = await connectMemory(t.db, user);
    await createEntry(t.db, user, { project_id: project.id, notes: "x", start_time: "2026-03-07T09:00:00Z", end_time: "2026-03-07T10:00:00Z" });
    await drain(t.db, connection.id);
    const [row] = await queryRows<{ dump: string }>(t.db, sql`select row_to_json(c)::text as dump from integration_connections c where id = ${connection.id}`);
    expect(row.dump).toContain('"credentials":"v1.');
    expect(row.dump).not.toMatch(/refresh-0|access-\d/);
  });

  it("with rotating refresh tokens, concurrent expiries refresh once and the new refresh token is kept", async () => {
    const user = await makeUser(t.db);
    const { system, connection, project } = await connectMemory(t.db, user, { rotating: true });
    system.expireAccessTokens();
    const before = system.calls.refresh;
    for (let i = 0; i < 6; i++) {
      await createEntry(t.db, user, { project_id: project.id, notes: `R${i}`, start_time: `2026-03-1${i}T09:00:00Z`, end_time: `2026-03-1${i}T10:00:00Z` });
    }
    await Promise.all([1, 2, 3].map((w) => pushDueLinks(t.db, { ...FAST, workerId: `w${w}`, batch: 2 }, connection.id)));
    await drain(t.db, connection.id);
    expect(system.logs.size).toBe(6);
    expect(system.calls.refresh).toBe(before + 1);
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn.status).toBe("active");
  });
});

describe("import", () => {
  it("imports remote projects and tasks once, linked by remote id; a re-import updates instead of duplicating", async () => {
    const user = await makeUser(t.db);
    const { connection } = await connectMemory(t.db, user);
    const { importProjects } = await import("./import-projects");
    await importProjects(t.db, connection, undefined, testProviders);
    const rows = await t.db.select({ name: projects.name, status: projects.status, remoteId: projects.remoteId }).from(projects).where(eq(projects.connectionId, connection.id));
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "Remote archive", status: "archived", remoteId: "9000000000000000002" },
      { name: "Remote website", status: "active", remoteId: "9000000000000000001" },
    ]);
  });
});
