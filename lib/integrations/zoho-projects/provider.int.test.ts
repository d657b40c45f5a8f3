import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeZoho, type FakeZoho } from "@/e2e/fakes/zoho";
import { PermanentError, RateLimitedError, TransientError, type OAuthApp, type SyncEntry } from "../types";
import { zohoProjects } from "./index";
import type { ZohoSettings } from "./settings";
import { createTestContext, testHttp, type TestContext } from "@/e2e/fakes/zoho/test-context";
import { createLog, deleteLog, findLog, updateLog } from "./logs";
import { listProjects, listTasks } from "./projects";

// The provider against the fake Zoho over real HTTP (e2e/fakes/zoho).

let zoho: FakeZoho;
let app: OAuthApp;
let base: Partial<ZohoSettings>;

const connect = zohoProjects.connect;
if (connect.kind !== "oauth2" || !connect.fromRefreshToken) throw new Error("Zoho Projects connects with OAuth 2 and pasted refresh tokens");
const fromRefreshToken = connect.fromRefreshToken;

beforeEach(async () => {
  zoho = await startFakeZoho();
  app = { clientId: zoho.state.client.id, clientSecret: zoho.state.client.secret, redirectUri: "http://stint.test/api/integrations/zoho-projects/callback" };
  base = { dc: "us", baseUrls: { accounts: zoho.url, api: zoho.url } };
});
afterEach(async () => {
  await zoho.close();
});

/** A connection made from a pasted refresh token, as the CLI would. */
async function connected(http = testHttp): Promise<TestContext> {
  const result = await fromRefreshToken(app, zoho.issueRefreshToken(), base, testHttp);
  return createTestContext({ app, settings: result.settings, credentials: result.credentials, http });
}

const entry = (over: Partial<SyncEntry> = {}): SyncEntry => ({
  id: 1,
  description: "Sync engine design",
  startAt: new Date("2025-06-10T22:30:00Z"), // 00:30 on 06-11 in Berlin, the fake portal's zone
  endAt: new Date("2025-06-11T00:05:00Z"),
  billable: true,
  remoteProjectId: null,
  remoteTaskId: null,
  timezone: "America/New_York",
  ...over,
});

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
};

describe("connecting", () => {
  it("authorizes in the browser and trades the code for a refresh token, the default portal and its zone", async () => {
    const url = new URL(connect.authorizeUrl(app, base, "csrf-123"));
    expect(url.origin + url.pathname).toBe(`${zoho.url}/oauth/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      scope: "ZohoProjects.portals.READ,ZohoProjects.projects.READ,ZohoProjects.tasks.READ,ZohoProjects.timesheets.ALL,ZohoProjects.users.READ",
      client_id: app.clientId,
      response_type: "code",
      access_type: "offline",
      prompt: "consent",
      redirect_uri: app.redirectUri,
      state: "csrf-123",
    });

    const redirect = await fetch(url, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(app.redirectUri);
    expect(back.searchParams.get("state")).toBe("csrf-123");
    expect(back.searchParams.get("accounts-server")).toBe(zoho.url);

    const result = await connect.exchangeCode(app, back.searchParams, base, testHttp);
    const portal = zoho.state.defaultPortal;
    expect(result.label).toBe("Fake Works (Zoho Projects, US)");
    expect(result.settings).toMatchObject({ dc: "us", portalId: portal.id, portalName: "Fake Works", portalTimeZone: "Europe/Berlin" });
    expect(zoho.state.refreshTokens.has(result.credentials.refreshToken!)).toBe(true);
    expect(zoho.state.isValidAccessToken(result.credentials.accessToken!)).toBe(true);
    expect(result.credentials.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 59 * 60_000);

    // A code works once.
    const again = await rejection(connect.exchangeCode(app, back.searchParams, base, testHttp));
    expect(again).toBeInstanceOf(PermanentError);
    expect(again).toMatchObject({ scope: "connection" });
    expect(again.message).toContain("invalid_code");
  });

  it("refuses an accounts server it does not know (the client secret would go there)", async () => {
    const params = new URLSearchParams({ code: zoho.issueCode(), "accounts-server": "https://accounts.evil.example" });
    const e = await rejection(connect.exchangeCode(app, params, { dc: "us" }, testHttp));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e.message).toContain("accounts.evil.example");
  });

  it("from a pasted refresh token: picks the default portal, or the one asked for", async () => {
    const other = zoho.state.addPortal({ name: "Side Gig", timeZone: "Asia/Kolkata" });
    const token = zoho.issueRefreshToken();

    const byDefault = await fromRefreshToken(app, token, base, testHttp);
    expect(byDefault.settings.portalId).toBe(zoho.state.defaultPortal.id);
    expect(byDefault.credentials.refreshToken).toBe(token);

    const chosen = await fromRefreshToken(app, ` ${token} `, { ...base, portalId: other.id }, testHttp);
    expect(chosen.label).toBe("Side Gig (Zoho Projects, US)");
    expect(chosen.settings).toMatchObject({ portalId: other.id, portalName: "Side Gig", portalTimeZone: "Asia/Kolkata" });
    expect(zohoProjects.settingsSchema.parse(chosen.settings)).toEqual(chosen.settings);

    const missing = await rejection(fromRefreshToken(app, token, { ...base, portalId: "42" }, testHttp));
    expect(missing).toMatchObject({ scope: "connection" });
    expect(missing.message).toContain("Side Gig");
  });

  it("a revoked refresh token (HTTP 200 invalid_code) is a connection-level PermanentError", async () => {
    const token = zoho.issueRefreshToken();
    zoho.revokeRefreshToken(token);
    const e = await rejection(fromRefreshToken(app, token, base, testHttp));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e).toMatchObject({ scope: "connection", message: "Zoho refused the refresh token (invalid_code): reconnect Zoho Projects." });

    const bad = await rejection(fromRefreshToken({ ...app, clientSecret: "wrong" }, zoho.issueRefreshToken(), base, testHttp));
    expect(bad).toMatchObject({ scope: "connection" });
    expect(bad.message).toContain("invalid_client");
  });

  it("refresh returns a new access token and keeps the (non-rotating) refresh token", async () => {
    const ctx = await connected();
    const before = ctx.credentials;
    const token = await ctx.refreshedAccessToken();
    expect(token).not.toBe(before.accessToken);
    expect(ctx.credentials.refreshToken).toBe(before.refreshToken);
    expect(zoho.state.isValidAccessToken(token)).toBe(true);
  });
});

describe("importing projects and tasks", () => {
  it("empty lists come as 204 and give []", async () => {
    const ctx = await connected();
    const project = zoho.state.addProject({ name: "Empty" });
    zoho.state.projects = [];
    expect(await listProjects(ctx)).toEqual([]);
    expect(zoho.count("GET projects")).toBe(2); // active, archived
    expect(zoho.state.requests.filter((r) => r.route === "GET projects").map((r) => r.status)).toEqual([204, 204]);

    zoho.state.projects.push(project);
    expect(await listTasks(ctx, project.id)).toEqual([]);
  });

  it("pages through 250 active and some archived projects with index/range 200", async () => {
    const ctx = await connected();
    for (let i = 1; i <= 250; i++) zoho.state.addProject({ name: `Project ${i}`, description: i === 1 ? "First" : "" });
    const archived = zoho.state.addProject({ name: "Old", status: "archived" });
    zoho.state.addProject({ name: "Template", status: "template" });

    const projects = await listProjects(ctx);
    expect(projects).toHaveLength(251);
    expect(new Set(projects.map((p) => p.remoteId)).size).toBe(251);
    expect(projects[0]).toEqual({ remoteId: zoho.state.projects[0].id, name: "Project 1", description: "First", status: "active" });
    expect(projects[1].description).toBeNull();
    expect(projects.find((p) => p.remoteId === archived.id)).toMatchObject({ name: "Old", status: "archived" });
    expect(zoho.count("GET projects")).toBe(3);
  });

  it("lists a project's tasks, done or not, over pages", async () => {
    const ctx = await connected();
    const project = zoho.state.addProject({ name: "Website" });
    for (let i = 1; i <= 201; i++) zoho.state.addTask(project.id, { name: `Task ${i}`, completed: i === 2 });
    const tasks = await listTasks(ctx, project.id);
    expect(tasks).toHaveLength(201);
    expect(tasks.slice(0, 2)).toEqual([
      { remoteId: zoho.state.tasks[0].id, name: "Task 1", done: false },
      { remoteId: zoho.state.tasks[1].id, name: "Task 2", done: true },
    ]);
  });

  it("keeps ids beyond 2^53 exact", async () => {
    const ctx = await connected();
    const project = zoho.state.addProject({ name: "Big" });
    expect(BigInt(project.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    // The raw JSON carries a number that JSON.parse cannot hold exactly.
    const res = await fetch(`${zoho.url}/restapi/portal/${ctx.settings.portalId}/projects/`, {
      headers: { Authorization: `Zoho-oauthtoken ${await ctx.accessToken()}` },
    });
    const text = await res.text();
    expect(text).toContain(`"id":${project.id},`);
    expect(String(JSON.parse(text).projects[0].id)).not.toBe(project.id);

    const [listed] = await listProjects(ctx);
    expect(listed.remoteId).toBe(project.id);
    expect(ctx.settings.portalId).toBe(zoho.state.defaultPortal.id);
  });
});

describe("pushing entries as time logs", () => {
  async function setup() {
    const ctx = await connected();
    const project = zoho.state.addProject({ name: "Website" });
    const task = zoho.state.addTask(project.id, { name: "Design" });
    const other = zoho.state.addTask(project.id, { name: "Build" });
    return { ctx, project, task, other };
  }

  it("creates a task log on the portal's day with hh:mm hours", async () => {
    const { ctx, project, task } = await setup();
    const ref = await createLog(ctx, entry({ remoteProjectId: project.id, remoteTaskId: task.id }));
    const [log] = zoho.logs();
    expect(ref).toEqual({ id: log.id, meta: { kind: "task", projectId: project.id, taskId: task.id } });
    expect(log).toMatchObject({
      kind: "task",
      projectId: project.id,
      taskId: task.id,
      date: "06-11-2025",
      hours: 1,
      minutes: 35,
      notes: "Sync engine design",
      billStatus: "Billable",
      ownerId: zoho.state.user.zpuid,
    });
  });

  it("creates a general log, named after the description, when there is no task", async () => {
    const { ctx, project } = await setup();
    const ref = await createLog(ctx, entry({ remoteProjectId: project.id, billable: false, description: "Client call" }));
    const [log] = zoho.logs();
    expect(ref).toEqual({ id: log.id, meta: { kind: "general", projectId: project.id, taskId: null } });
    expect(log).toMatchObject({ kind: "general", name: "Client call", notes: "Client call", billStatus: "Non Billable", date: "06-11-2025" });
  });

  it("refuses an incomplete entry without calling Zoho", async () => {
    const { ctx, project } = await setup();
    const e = await rejection(createLog(ctx, entry({ remoteProjectId: project.id, endAt: null })));
    expect(e).toMatchObject({ scope: "entry" });
    expect(e.message).toContain("Still running");
    expect(zoho.state.requests.filter((r) => r.route.startsWith("POST tasklog") || r.route.startsWith("POST generallog"))).toEqual([]);
  });

  it("a missing project is an entry-level PermanentError with Zoho's message", async () => {
    const { ctx } = await setup();
    const e = await rejection(createLog(ctx, entry({ remoteProjectId: "1752587000000000777" })));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e).toMatchObject({ scope: "entry" });
    expect(e.message).toContain("Project does not exist.");
  });

  it("updates a log in place while kind, project and task stay", async () => {
    const { ctx, project, task } = await setup();
    const e = entry({ remoteProjectId: project.id, remoteTaskId: task.id });
    const ref = await createLog(ctx, e);
    const updated = await updateLog(ctx, ref, { ...e, description: "Sync engine review", endAt: new Date("2025-06-11T01:00:00Z"), billable: false });
    expect(updated).toEqual(ref);
    expect(zoho.logs()).toEqual([
      expect.objectContaining({ id: ref.id, notes: "Sync engine review", hours: 2, minutes: 30, billStatus: "Non Billable", taskId: task.id }),
    ]);
  });

  it("moves a log to another task (or to a general log) by deleting and re-creating it", async () => {
    const { ctx, project, task, other } = await setup();
    const e = entry({ remoteProjectId: project.id, remoteTaskId: task.id });
    const ref = await createLog(ctx, e);

    const moved = await updateLog(ctx, ref, { ...e, remoteTaskId: other.id });
    expect(moved.id).not.toBe(ref.id);
    expect(moved.meta).toEqual({ kind: "task", projectId: project.id, taskId: other.id });
    expect(zoho.logs().map((l) => [l.id, l.taskId])).toEqual([[moved.id, other.id]]);

    const general = await updateLog(ctx, moved, { ...e, remoteTaskId: null });
    expect(general.meta).toEqual({ kind: "general", projectId: project.id, taskId: null });
    expect(zoho.logs()).toEqual([expect.objectContaining({ id: general.id, kind: "general", name: "Sync engine design" })]);
  });

  it("re-creates a log someone deleted in Zoho when the entry changes", async () => {
    const { ctx, project } = await setup();
    const e = entry({ remoteProjectId: project.id });
    const ref = await createLog(ctx, e);
    zoho.state.logs = [];
    const again = await updateLog(ctx, ref, { ...e, description: "Changed" });
    expect(again.id).not.toBe(ref.id);
    expect(zoho.logs()).toEqual([expect.objectContaining({ id: again.id, notes: "Changed" })]);
  });

  it("deletes a log; deleting it again succeeds", async () => {
    const { ctx, project, task } = await setup();
    const taskRef = await createLog(ctx, entry({ remoteProjectId: project.id, remoteTaskId: task.id }));
    const generalRef = await createLog(ctx, entry({ remoteProjectId: project.id }));
    await deleteLog(ctx, taskRef);
    expect(zoho.logs().map((l) => l.id)).toEqual([generalRef.id]);
    await deleteLog(ctx, generalRef);
    expect(zoho.logs()).toEqual([]);
    await deleteLog(ctx, taskRef);
    await deleteLog(ctx, generalRef);
    expect(zoho.state.requests.filter((r) => r.route.startsWith("DELETE")).map((r) => r.status)).toEqual([200, 200, 404, 404]);
  });

  it("finds the log of a create whose answer was lost, and not one already taken", async () => {
    const { ctx, project, task } = await setup();
    const e = entry({ remoteProjectId: project.id, remoteTaskId: task.id });
    // Decoys: another day, other notes, another duration, another task.
    zoho.state.addLog({ projectId: project.id, taskId: task.id, date: "06-10-2025", hours: 1, minutes: 35, notes: "Sync engine design" });
    zoho.state.addLog({ projectId: project.id, taskId: task.id, date: "06-11-2025", hours: 1, minutes: 35, notes: "Something else" });
    zoho.state.addLog({ projectId: project.id, taskId: task.id, date: "06-11-2025", hours: 1, minutes: 36, notes: "Sync engine design" });
    zoho.state.addLog({ projectId: project.id, taskId: zoho.state.tasks[1].id, date: "06-11-2025", hours: 1, minutes: 35, notes: "Sync engine design" });

    zoho.failNext(1, "after-commit-500", { method: "POST" });
    const lost = await rejection(createLog(ctx, e));
    expect(lost).toBeInstanceOf(TransientError);
    expect(zoho.logs()).toHaveLength(5);
    const written = zoho.logs()[4];

    const found = await findLog(ctx, e, new Set());
    expect(found).toEqual({ id: written.id, meta: { kind: "task", projectId: project.id, taskId: task.id } });
    expect(await findLog(ctx, e, new Set([written.id]))).toBeNull();
    // The list call is the contract's: one project, one day, all users, both billing states.
    const list = zoho.state.requests.find((r) => r.route === "GET logs");
    expect(list).toBeDefined();
  });

  it("finds a general log the same way", async () => {
    const { ctx, project } = await setup();
    const e = entry({ remoteProjectId: project.id });
    expect(await findLog(ctx, e, new Set())).toBeNull(); // 204: nothing that day
    zoho.failNext(1, "after-commit-500", { method: "POST" });
    await rejection(createLog(ctx, e));
    expect(await findLog(ctx, e, new Set())).toEqual({ id: zoho.logs()[0].id, meta: { kind: "general", projectId: project.id, taskId: null } });
  });

  it("learns whose logs are ours from the first create, and then never adopts a colleague's identical log", async () => {
    const { ctx, project } = await setup();
    const first = entry({ remoteProjectId: project.id, description: "First" });
    await createLog(ctx, first);
    expect(ctx.settings.ownerId).toBe(zoho.state.user.zpuid);

    const e = entry({ remoteProjectId: project.id, description: "Standup" });
    const written = zoho.logs()[0];
    // A colleague logged exactly the same on the same day (same project, duration and notes).
    const colleague = zoho.state.addLog({ projectId: project.id, date: written.date, hours: 1, minutes: 35, notes: "Standup", name: "Standup", ownerId: "1752587000000099999" });
    expect(await findLog(ctx, e, new Set())).toBeNull();
    // Without knowing the owner, the same search would have taken the colleague's log.
    const { ownerId: _known, ...unknown } = ctx.settings;
    expect(await findLog({ ...ctx, settings: unknown }, e, new Set())).toMatchObject({ id: colleague.id });
  });
});

describe("failures", () => {
  it("an expired access token: one refresh, then the retry succeeds", async () => {
    const ctx = await connected();
    zoho.state.addProject({ name: "Website" });
    zoho.state.expireAccessTokens();
    const tokensBefore = zoho.count("POST token");
    expect(await listProjects(ctx)).toHaveLength(1);
    expect(ctx.refreshes).toBe(1);
    expect(zoho.count("POST token")).toBe(tokensBefore + 1);
    expect(zoho.state.requests.filter((r) => r.route === "GET projects").map((r) => r.status)).toEqual([401, 200, 204]);
  });

  it("a 401 even after a refresh stops the connection", async () => {
    const ctx = await connected();
    zoho.state.config.accessTokenTtlSec = 0;
    zoho.state.expireAccessTokens();
    const e = await rejection(listProjects(ctx));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e).toMatchObject({ scope: "connection" });
  });

  it("a refresh token revoked in Zoho stops the connection at the next 401", async () => {
    const ctx = await connected();
    zoho.revokeRefreshToken(ctx.credentials.refreshToken!);
    const e = await rejection(listProjects(ctx));
    expect(e).toMatchObject({ scope: "connection", message: "Zoho refused the refresh token (invalid_code): reconnect Zoho Projects." });
  });

  it("429 is RateLimitedError: Retry-After when given, else 30 minutes", async () => {
    const ctx = await connected();
    zoho.failNext(1, 429);
    const plain = await rejection(listProjects(ctx));
    expect(plain).toBeInstanceOf(RateLimitedError);
    expect((plain as RateLimitedError).blockMs).toBe(30 * 60 * 1000);

    zoho.failNext(1, 429, { retryAfter: 7 });
    const timed = await rejection(listProjects(ctx));
    expect(timed).toMatchObject({ blockMs: 7000, retryAfterMs: 7000 });
  });

  it("the fake's own rate limit blocks after N calls in the window", async () => {
    const ctx = await connected(); // one call (portals)
    zoho.state.config.rateLimit = { max: 3, windowMs: 60_000, blockMs: 200 };
    await listProjects(ctx); // calls 2 and 3
    const e = await rejection(listTasks(ctx, "1"));
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(zoho.state.blockedUntil).toBeGreaterThan(Date.now() - 1);
  });

  it("500 is TransientError, with Retry-After when given", async () => {
    const ctx = await connected();
    zoho.failNext(1, 500);
    const e = await rejection(listProjects(ctx));
    expect(e).toBeInstanceOf(TransientError);
    expect(e).not.toBeInstanceOf(RateLimitedError);
    zoho.failNext(1, 500, { retryAfter: 12 });
    expect(await rejection(listProjects(ctx))).toMatchObject({ retryAfterMs: 12_000 });
    expect(await listProjects(ctx)).toEqual([]);
  });

  it("a reset connection or a timeout is TransientError", async () => {
    const ctx = await connected((url, init) => testHttp(url, { ...init, timeoutMs: 300 }));
    zoho.failNext(1, "reset");
    expect(await rejection(listProjects(ctx))).toBeInstanceOf(TransientError);
    zoho.failNext(1, "timeout");
    const slow = await rejection(listProjects(ctx));
    expect(slow).toBeInstanceOf(TransientError);
    expect(slow.message).toContain("timed out");
    zoho.failNext(1, "timeout", { delayMs: 50 });
    expect(await listProjects(ctx)).toEqual([]);
  });
});
