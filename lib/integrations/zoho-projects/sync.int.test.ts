// The whole chain against the fake Zoho: entries change in Stint → the outbox → the worker → the Zoho
// provider → HTTP → the fake's logs. Each test checks the fake's logs against Stint's entries.
process.env.STINT_HTTP_TIMEOUT_MS = "400"; // the fake's "timeout" fault never answers

import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeZoho, type FakeZoho } from "@/e2e/fakes/zoho";
import { queryRows } from "@/db/rows";
import { createTestDb, type TestDb } from "@/db/testing";
import { entrySyncLinks, integrationConnections, projects, tasks, type IntegrationConnection } from "@/db/schema";
import { createEntry, deleteEntry, updateEntry } from "@/lib/entries/service";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { startTimer, stopTimer } from "@/lib/timer/service";
import { testBudget } from "@/lib/testing/budget";
import { connectWithRefreshToken } from "../service";
import { claimDueLinks } from "../sync/claim";
import { importProjects } from "../sync/import-projects";
import { pushLink } from "../sync/push";
import { FAST, drain, linkOf, testProviders } from "@/e2e/support/sync-engine";
import { pushDueLinks } from "../sync/worker";
import { zohoProjects } from "./index";

let t: TestDb;
let zoho: FakeZoho;

beforeAll(async () => {
  t = await createTestDb();
  // Most tests push dozens of logs: lift the provider's own limit here (a test below checks it).
  testProviders.use({ ...zohoProjects, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
});
afterAll(async () => {
  testProviders.use(zohoProjects);
  await t.cleanup();
});
beforeEach(async () => {
  zoho = await startFakeZoho();
  zoho.state.config.rateLimit = { max: 100_000, windowMs: 120_000, blockMs: 300 };
  process.env.ZOHO_CLIENT_ID = zoho.state.client.id;
  process.env.ZOHO_CLIENT_SECRET = zoho.state.client.secret;
  process.env.ZOHO_ACCOUNTS_URL = zoho.url;
  process.env.ZOHO_API_URL = zoho.url;
});
afterEach(() => zoho.close());

async function setup() {
  const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
  const remote = zoho.state.addProject({ name: "Client portal" });
  zoho.state.addTask(remote.id, { name: "Backend" });
  const refreshToken = zoho.issueRefreshToken();
  const connection = await connectWithRefreshToken(t.db, user, "zoho-projects", { refresh_token: refreshToken, settings: { dc: "eu" } });
  await importProjects(t.db, connection, undefined, testProviders);
  const [project] = await t.db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, remote.id)));
  const [task] = await t.db.select().from(tasks).where(eq(tasks.projectId, project.id));
  return { user, connection, project, task, remote, refreshToken };
}

/** The fake's logs in a comparable form. */
const remoteLogs = () =>
  zoho
    .logs()
    .map((l) => ({ kind: l.kind, date: l.date, hours: l.hours, minutes: l.minutes, notes: l.notes, bill: l.billStatus, task: l.taskId }))
    .sort((a, b) => a.notes.localeCompare(b.notes));

describe("Zoho Projects sync", () => {
  it("create, edit, incomplete, complete again, delete: Zoho's logs match Stint's entries at every step", async () => {
    const { user, connection, project, task } = await setup();
    // 23:30–01:05 Berlin time on 10 June: Zoho's portal (Berlin) files it under 06-10-2025, 01:35 long.
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "API review", start_time: "2025-06-10T23:30", end_time: "2025-06-11T01:05", billable: true });
    await drain(t.db, connection.id);
    expect(remoteLogs()).toEqual([{ kind: "general", date: "06-10-2025", hours: 1, minutes: 35, notes: "API review", bill: "Billable", task: null }]);
    // The first log told Stint the person's Zoho user id; it is kept for reconciliation.
    const [learned] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(learned.settings).toMatchObject({ dc: "eu", ownerId: zoho.state.user.zpuid });

    await updateEntry(t.db, user, e.entry.id, { notes: "API review, part 2", task_id: task.id, billable: false });
    await drain(t.db, connection.id);
    expect(remoteLogs()).toEqual([{ kind: "task", date: "06-10-2025", hours: 1, minutes: 35, notes: "API review, part 2", bill: "Non Billable", task: task.remoteId }]);

    await updateEntry(t.db, user, e.entry.id, { notes: "   " });
    await drain(t.db, connection.id);
    expect(remoteLogs()).toEqual([]);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "incomplete", lastError: "Needs a description" });

    await updateEntry(t.db, user, e.entry.id, { notes: "Back" });
    await drain(t.db, connection.id);
    expect(remoteLogs().map((l) => l.notes)).toEqual(["Back"]);

    const local = await createProject(t.db, user, { name: "In-house" });
    await updateEntry(t.db, user, e.entry.id, { project_id: local.id });
    await drain(t.db, connection.id);
    expect(remoteLogs()).toEqual([]);

    await updateEntry(t.db, user, e.entry.id, { project_id: project.id });
    await drain(t.db, connection.id);
    expect(remoteLogs().map((l) => l.notes)).toEqual(["Back"]);
    await deleteEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect(remoteLogs()).toEqual([]);
    // Created; re-created as a task log (Zoho keeps general and task logs apart); re-created twice after
    // being removed. The other edits were updates.
    expect(zoho.count("POST generallog") + zoho.count("POST tasklog")).toBe(4);
    expect(zoho.count("POST generallog.update") + zoho.count("POST tasklog.update")).toBe(0);
  });

  it("a running timer is not pushed; once stopped it is", async () => {
    const { user, connection, project } = await setup();
    await startTimer(t.db, user, { notes: "Standup", project_id: project.id }, { stopRunning: false, now: new Date(Date.now() - 20 * 60_000) });
    await drain(t.db, connection.id);
    expect(zoho.logs()).toEqual([]);
    await stopTimer(t.db, user, {});
    await drain(t.db, connection.id);
    expect(remoteLogs()).toMatchObject([{ notes: "Standup", hours: 0, minutes: 20 }]);
  });

  it("500s, a reset connection, a timeout, a lost answer and a 429 are retried until it works, with no duplicate", async () => {
    const { user, connection, project } = await setup();
    zoho.failNext(2, 500, { method: "POST" });
    zoho.failNext(1, "reset", { method: "POST" });
    zoho.failNext(1, "timeout", { method: "POST" });
    zoho.failNext(1, "after-commit-500", { method: "POST" });
    zoho.failNext(1, 429, { method: "POST", retryAfter: 0 });
    await createEntry(t.db, user, { project_id: project.id, notes: "Stubborn", start_time: "2025-06-12T09:00", end_time: "2025-06-12T10:00" });
    await drain(t.db, connection.id, FAST, 20_000);
    expect(remoteLogs()).toMatchObject([{ notes: "Stubborn", hours: 1, minutes: 0 }]);
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn.status).toBe("active");
  });

  it("a worker that dies between Zoho's create and its own commit: the next one finds the log, no duplicate", async () => {
    const { user, connection, project } = await setup();
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Crash test", start_time: "2025-06-13T09:00", end_time: "2025-06-13T11:15" });
    const [link] = await claimDueLinks(t.db, "doomed", 1, connection.id);
    void pushLink(t.db, link, { workerId: "doomed", backoff: FAST.backoff!, providers: testProviders, afterRemoteCreate: () => new Promise<never>(() => {}) });
    await expect.poll(() => zoho.logs().length, { message: "the doomed worker never created its log" }).toBeGreaterThan(0);
    await t.db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, e.entry.id));
    await drain(t.db, connection.id);
    expect(remoteLogs()).toMatchObject([{ notes: "Crash test", hours: 2, minutes: 15 }]);
    expect(zoho.count("POST generallog")).toBe(1);
    expect((await linkOf(t.db, e.entry.id)).remoteId).toBe(zoho.logs()[0].id);
  });

  it("two workers at once on 200 entries: every log created exactly once", async () => {
    const { user, connection, project } = await setup();
    await t.db.execute(sql`insert into time_entries (workspace_id, user_id, project_id, description, start_at, end_at)
      select ${user.workspaceId}, ${user.id}, ${project.id}, 'Entry ' || g, timestamptz '2025-01-01 08:00Z' + g * interval '1 day', timestamptz '2025-01-01 09:30Z' + g * interval '1 day'
      from generate_series(1, 200) g`);
    await Promise.all(["w1", "w2"].map((workerId) => pushDueLinks(t.db, { ...FAST, workerId, batch: 5 }, connection.id)));
    await drain(t.db, connection.id);
    expect(zoho.logs()).toHaveLength(200);
    expect(zoho.count("POST generallog")).toBe(200);
    expect(new Set(zoho.logs().map((l) => l.notes)).size).toBe(200);
  }, testBudget(2));

  it("an expired access token is refreshed once, then the push goes through", async () => {
    const { user, connection, project } = await setup();
    // Another worker holds a token that Zoho no longer accepts.
    zoho.state.expireAccessTokens();
    const tokenCalls = zoho.count("POST token");
    await createEntry(t.db, user, { project_id: project.id, notes: "After expiry", start_time: "2025-06-14T09:00", end_time: "2025-06-14T10:00" });
    await drain(t.db, connection.id);
    expect(remoteLogs().map((l) => l.notes)).toEqual(["After expiry"]);
    expect(zoho.count("POST token")).toBe(tokenCalls + 1);
  });

  it("revoked credentials stop the connection with Zoho's reason, visible to the user; nothing is pushed", async () => {
    const { user, connection, project, refreshToken } = await setup();
    zoho.revokeRefreshToken(refreshToken);
    zoho.state.expireAccessTokens();
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Never", start_time: "2025-06-15T09:00", end_time: "2025-06-15T10:00" });
    await pushDueLinks(t.db, FAST, connection.id);
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn).toMatchObject({ status: "error" });
    expect(conn.lastError).toMatch(/invalid_code/);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "pending" });
    expect(zoho.logs()).toEqual([]);
  });

  it("keeps the refresh token and access token out of the database's plain text", async () => {
    const { connection, refreshToken } = await setup();
    const [row] = await queryRows<{ dump: string }>(t.db, sql`select row_to_json(c)::text as dump from integration_connections c where id = ${connection.id}`);
    expect(row.dump).not.toContain(refreshToken);
    for (const token of zoho.state.accessTokens.keys()) expect(row.dump).not.toContain(token);
    expect((connection as IntegrationConnection).credentials).toMatch(/^v1\./);
  });

  it("stays under Zoho's limit: the connection's token bucket spaces calls out, shared by all workers", async () => {
    testProviders.use({ ...zohoProjects, rateLimit: { burst: 3, perSecond: 10, blockMs: 300 } });
    try {
      const { user, connection, project } = await setup();
      const before = zoho.state.requests.length;
      for (let i = 0; i < 8; i++) {
        await createEntry(t.db, user, { project_id: project.id, notes: `Paced ${i}`, start_time: `2025-07-0${i + 1}T09:00`, end_time: `2025-07-0${i + 1}T10:00` });
      }
      const started = Date.now();
      await Promise.all(["p1", "p2"].map((workerId) => pushDueLinks(t.db, { ...FAST, workerId }, connection.id)));
      await drain(t.db, connection.id);
      const calls = zoho.state.requests.length - before;
      expect(zoho.logs()).toHaveLength(8);
      // `calls` API requests at 10/s after a burst of 3 take at least (calls - 3) / 10 seconds.
      expect(Date.now() - started).toBeGreaterThanOrEqual(((calls - 3) / 10) * 1000 - 50);
    } finally {
      testProviders.use({ ...zohoProjects, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
    }
  });
});
