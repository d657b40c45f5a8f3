// The whole chain against the fake Teamleader: connect (a pasted refresh token), import, and entries
// changing in Stint → the outbox → the worker → the Teamleader provider → HTTP → the fake's time entries.
process.env.STINT_HTTP_TIMEOUT_MS = "400"; // the fake's "timeout" fault never answers

import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeTeamleader, type FakeTeamleader } from "@/e2e/fakes/teamleader";
import { queryRows } from "@/db/rows";
import { createTestDb, type TestDb } from "@/db/testing";
import { clients, entrySyncLinks, integrationConnections, projects, tasks } from "@/db/schema";
import { createEntry, deleteEntry, updateEntry } from "@/lib/entries/service";
import { makeUser } from "@/lib/testing/users";
import { connectWithRefreshToken } from "../service";
import { claimDueLinks } from "../sync/claim";
import { importProjects } from "../sync/import-projects";
import { pushLink } from "../sync/push";
import { FAST, drain, linkOf, testProviders } from "@/e2e/support/sync-engine";
import { pushDueLinks, workOnce } from "../sync/worker";
import { enqueueJob } from "../sync/jobs";
import { addMember } from "@/lib/testing/members";
import { SCOPES } from "@/lib/tokens/scopes";
import { userActor } from "@/lib/workspaces/actor";
import { teamleader } from "./index";
import { LOCKED_REASON } from "./time-tracking";

let t: TestDb;
let tl: FakeTeamleader;

beforeAll(async () => {
  t = await createTestDb();
  // Most tests push many entries: lift the provider's own limit here (a test below checks the fake's 429).
  testProviders.use({ ...teamleader, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
});
afterAll(async () => {
  testProviders.use(teamleader);
  await t.cleanup();
});
beforeEach(async () => {
  tl = await startFakeTeamleader();
  process.env.TEAMLEADER_CLIENT_ID = tl.state.client.id;
  process.env.TEAMLEADER_CLIENT_SECRET = tl.state.client.secret;
  process.env.TEAMLEADER_AUTH_URL = tl.url;
  process.env.TEAMLEADER_API_URL = tl.url;
});
afterEach(() => tl.close());

async function setup() {
  const user = await makeUser(t.db, { timezone: "Europe/Brussels" });
  const acme = tl.state.addCompany(`Acme ${user.id}`);
  const remote = tl.state.addProject({ title: "Website", customer: { type: "company", id: acme.id } });
  const design = tl.state.addTask(remote.id, { title: "Design" });
  const refreshToken = tl.state.issueRefreshToken();
  const connection = await connectWithRefreshToken(t.db, user, "teamleader", { refresh_token: refreshToken, settings: { workTypeName: "meeting" } }, testProviders);
  await importProjects(t.db, connection, undefined, testProviders);
  const [project] = await t.db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, remote.id)));
  const [task] = await t.db.select().from(tasks).where(eq(tasks.projectId, project.id));
  return { user, connection, project, task, remote, acme, design, refreshToken };
}

/** The fake's entries in a comparable form. */
const remoteEntries = () =>
  tl.state.timeEntries
    .map((e) => ({ startedAt: e.startedAt, duration: e.duration, description: e.description, subject: e.subject?.type ?? null, invoiceable: e.invoiceable, workType: e.workTypeId, user: e.userId }))
    .sort((a, b) => a.description.localeCompare(b.description));

const connectionRow = async (id: number) => (await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, id)))[0];

describe("Teamleader Focus: connect and import", () => {
  it("users.me labels the connection; projects import with their customer as client, tasks as tasks", async () => {
    const { connection, project, task, remote, acme } = await setup();
    expect(connection.label).toBe(`Tess Leader <tess@acme.example>, Teamleader account ${tl.state.account.id.slice(0, 8)}`);
    const meeting = tl.state.workTypes.find((w) => w.name === "Meeting")!;
    expect(connection.settings).toMatchObject({ accountId: tl.state.account.id, userId: tl.state.me.id, timeZone: "Europe/Brussels", projectsModule: "projects-v2", workTypeId: meeting.id });
    expect(project).toMatchObject({ name: "Website", status: "active" });
    const [client] = await t.db.select().from(clients).where(eq(clients.id, project.clientId!));
    expect(client.name).toBe(acme.name);
    expect(task).toMatchObject({ name: "Design", remoteId: `nextgenTask:${tl.state.tasks[0].id}` });
    expect((await connectionRow(connection.id)).settings).toMatchObject({ projectCustomers: { [remote.id]: acme.id } });
  });

  it("an account on the legacy projects module: its projects and milestones", async () => {
    tl.state.config.projectsModule = "legacy";
    const user = await makeUser(t.db);
    const old = tl.state.addProject({ title: "Legacy site", module: "legacy", status: "done" });
    const milestone = tl.state.addTask(old.id, { title: "Phase 1" });
    const connection = await connectWithRefreshToken(t.db, user, "teamleader", { refresh_token: tl.state.issueRefreshToken(), settings: {} }, testProviders);
    expect(connection.settings).toMatchObject({ projectsModule: "legacy", workTypeId: tl.state.workTypes[0].id });
    // Archived projects' tasks are not imported (the engine's rule); make it active to see the milestone.
    old.status = "active";
    await importProjects(t.db, connection, undefined, testProviders);
    const [project] = await t.db.select().from(projects).where(eq(projects.connectionId, connection.id));
    expect(project).toMatchObject({ name: "Legacy site", clientId: null });
    const rows = await t.db.select({ name: tasks.name, remoteId: tasks.remoteId }).from(tasks).where(eq(tasks.projectId, project.id));
    expect(rows).toEqual([{ name: "Phase 1", remoteId: `milestone:${milestone.id}` }]);
  });
});

describe("Teamleader Focus: push", () => {
  it("create, edit, delete: Teamleader's time entries match Stint's entries at every step", async () => {
    const { user, connection, project, task } = await setup();
    const meeting = tl.state.workTypes.find((w) => w.name === "Meeting")!.id;
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "API review", start_time: "2025-06-10T09:30", end_time: "2025-06-10T11:05", billable: true });
    await drain(t.db, connection.id);
    expect(remoteEntries()).toEqual([{ startedAt: "2025-06-10T09:30:00+02:00", duration: 5700, description: "API review", subject: "company", invoiceable: true, workType: meeting, user: tl.state.me.id }]);
    const id = tl.state.timeEntries[0].id;

    await updateEntry(t.db, user, e.entry.id, { notes: "API review, part 2", task_id: task.id, billable: false, end_time: "2025-06-10T10:30" });
    await drain(t.db, connection.id);
    expect(remoteEntries()).toEqual([{ startedAt: "2025-06-10T09:30:00+02:00", duration: 3600, description: "API review, part 2", subject: "nextgenTask", invoiceable: false, workType: meeting, user: tl.state.me.id }]);
    expect(tl.state.timeEntries[0].id).toBe(id);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "synced", remoteId: id });

    await deleteEntry(t.db, user, e.entry.id);
    await drain(t.db, connection.id);
    expect(remoteEntries()).toEqual([]);
    expect([tl.count("timeTracking.add"), tl.count("timeTracking.update"), tl.count("timeTracking.delete")]).toEqual([1, 1, 1]);
  });

  it("an entry across midnight waits with what it needs; a locked one says so and is not retried", async () => {
    const { user, connection, project } = await setup();
    const night = await createEntry(t.db, user, { project_id: project.id, notes: "Night shift", start_time: "2025-06-10T23:30", end_time: "2025-06-11T01:00" });
    const day = await createEntry(t.db, user, { project_id: project.id, notes: "Day", start_time: "2025-06-11T09:00", end_time: "2025-06-11T10:00" });
    await drain(t.db, connection.id);
    expect(await linkOf(t.db, night.entry.id)).toMatchObject({ state: "incomplete", lastError: expect.stringMatching(/^Crosses midnight: .*split it into one entry per day$/) });
    expect(remoteEntries().map((r) => r.description)).toEqual(["Day"]);

    tl.state.timeEntries[0].locked = true;
    await updateEntry(t.db, user, day.entry.id, { notes: "Day, edited" });
    await drain(t.db, connection.id);
    // Held, not failed: its badge says "Locked in Teamleader", and neither the worker nor "Sync now" retries it.
    expect(await linkOf(t.db, day.entry.id)).toMatchObject({ state: "incomplete", lastError: LOCKED_REASON });
    expect(LOCKED_REASON).toMatch(/^Locked in Teamleader/);
    const updates = tl.count("timeTracking.update");
    await pushDueLinks(t.db, FAST, connection.id);
    await enqueueJob(t.db, connection, "sync", testProviders);
    await workOnce(t.db, FAST);
    expect(tl.count("timeTracking.update")).toBe(updates);
    expect(await linkOf(t.db, day.entry.id)).toMatchObject({ state: "incomplete", lastError: LOCKED_REASON });
    expect(remoteEntries().map((r) => r.description)).toEqual(["Day"]);
  });

  it("500s, a timeout, a lost answer and a 429 (with its ISO X-RateLimit-Reset) are retried until it works, with no duplicate", async () => {
    const { user, connection, project } = await setup();
    tl.failNext(2, 500, { endpoint: "timeTracking.add" });
    tl.failNext(1, "timeout", { endpoint: "timeTracking.add" });
    tl.failNext(1, "after-commit-500", { endpoint: "timeTracking.add" });
    tl.failNext(1, 429, { resetMs: 300 });
    await createEntry(t.db, user, { project_id: project.id, notes: "Stubborn", start_time: "2025-06-12T09:00", end_time: "2025-06-12T10:00" });
    await drain(t.db, connection.id, FAST, 20_000);
    expect(remoteEntries()).toMatchObject([{ description: "Stubborn", duration: 3600 }]);
    expect((await connectionRow(connection.id)).status).toBe("active");
    const events = await queryRows<{ message: string }>(t.db, sql`select message from integration_events where connection_id = ${connection.id} order by id`);
    expect(events.map((e) => e.message).join("\n")).toMatch(/throttled this connection/);
  });

  it("a worker that dies between Teamleader's create and its own commit: the next one finds the entry by timeTracking.list, no duplicate", async () => {
    const { user, connection, project } = await setup();
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Crash test", start_time: "2025-06-13T09:00", end_time: "2025-06-13T11:15" });
    const [link] = await claimDueLinks(t.db, "doomed", 1, connection.id);
    void pushLink(t.db, link, { workerId: "doomed", backoff: FAST.backoff!, providers: testProviders, afterRemoteCreate: () => new Promise<never>(() => {}) });
    await expect.poll(() => tl.state.timeEntries.length, { message: "the doomed worker never created its entry" }).toBe(1);
    await t.db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, e.entry.id));
    await drain(t.db, connection.id);
    expect(remoteEntries()).toMatchObject([{ description: "Crash test", duration: 8100 }]);
    expect(tl.count("timeTracking.add")).toBe(1);
    expect(tl.count("timeTracking.list")).toBe(1);
    expect((await linkOf(t.db, e.entry.id)).remoteId).toBe(tl.state.timeEntries[0].id);
  });
});

describe("Teamleader Focus: rotating refresh tokens", () => {
  it("concurrent workers with an expired token refresh once; the rotated token is stored and the old one never reused", async () => {
    const { user, connection, project } = await setup();
    tl.state.expireAccessTokens();
    const before = tl.state.rotationCounts().refreshes;
    for (let i = 0; i < 6; i++) await createEntry(t.db, user, { project_id: project.id, notes: `R${i}`, start_time: `2025-06-1${i}T09:00`, end_time: `2025-06-1${i}T10:00` });
    await Promise.all(["w1", "w2", "w3"].map((workerId) => pushDueLinks(t.db, { ...FAST, workerId, batch: 2 }, connection.id)));
    await drain(t.db, connection.id);
    expect(tl.state.timeEntries).toHaveLength(6);
    expect(tl.state.rotationCounts()).toMatchObject({ refreshes: before + 1, reuses: 0, usedMoreThanOnce: 0 });
    expect((await connectionRow(connection.id)).status).toBe("active");
  });

  it("short-lived access tokens are refreshed ahead of expiry, each refresh token spent once", async () => {
    tl.state.config.accessTokenTtlSec = 0.4;
    const { user, connection, project } = await setup();
    for (let i = 0; i < 5; i++) {
      await createEntry(t.db, user, { project_id: project.id, notes: `Ahead ${i}`, start_time: `2025-07-0${i + 1}T09:00`, end_time: `2025-07-0${i + 1}T10:00` });
      await drain(t.db, connection.id);
      // Wait out the token's life (on state: the fake's clock), so the next push needs a new one.
      await expect.poll(() => [...tl.state.accessTokens.values()].every((a) => a.expiresAt < Date.now())).toBe(true);
    }
    const counts = tl.state.rotationCounts();
    expect(counts).toMatchObject({ reuses: 0, usedMoreThanOnce: 0 });
    expect(counts.refreshes).toBeGreaterThanOrEqual(5);
    // Ahead of expiry: no call was answered 401.
    expect(tl.state.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it("a revoked grant (invalid_grant) stops the connection with the reason; nothing retries it", async () => {
    const { user, connection, project } = await setup();
    tl.state.revokeAll();
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Never", start_time: "2025-06-15T09:00", end_time: "2025-06-15T10:00" });
    await pushDueLinks(t.db, FAST, connection.id);
    await pushDueLinks(t.db, FAST, connection.id);
    const conn = await connectionRow(connection.id);
    expect(conn.status).toBe("error");
    expect(conn.lastError).toMatch(/^Teamleader refused the refresh token \(invalid_grant: The refresh token is invalid\. Token has been revoked\).*Reconnect Teamleader Focus\.$/);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "pending" });
    expect(await claimDueLinks(t.db, "someone", 10, connection.id)).toEqual([]);
    // One refresh attempt (the revoked token), then nothing: no loop.
    expect(tl.state.reuses).toHaveLength(1);
    expect(tl.state.timeEntries).toEqual([]);
  });

  it("keeps the refresh and access tokens out of the database's plain text", async () => {
    const { connection } = await setup();
    const [row] = await queryRows<{ dump: string }>(t.db, sql`select row_to_json(c)::text as dump from integration_connections c where id = ${connection.id}`);
    for (const token of [...tl.state.refreshTokens.keys(), ...tl.state.accessTokens.keys()]) expect(row.dump).not.toContain(token);
  });
});

describe("the engine's shared refresh", () => {
  it("a holder of a stale token that sees a 401 takes the token another worker stored instead of refreshing again", async () => {
    const { connection } = await setup();
    const { providerContext } = await import("../context");
    const { refreshCredentials } = await import("../credentials");
    const stale = providerContext(t.db, connection, testProviders.get("teamleader")!);
    await stale.accessToken();
    // Another worker (another process in production) refreshes meanwhile: a new version with a fresh token.
    const other = await refreshCredentials(t.db, connection.id, testProviders.get("teamleader")!, connection.credentialsVersion);
    const refreshes = tl.state.rotationCounts().refreshes;
    expect(await stale.refreshedAccessToken()).toBe(other.token);
    expect(tl.state.rotationCounts()).toMatchObject({ refreshes, reuses: 0 });
  });
});

describe("Teamleader Focus: pull (the last 30 days, compared with the previous pull)", () => {
  /** An instant `days` ago at `hour` in Brussels, as Teamleader writes it. */
  const daysAgo = (days: number, hour: number) => DateTime.now().setZone("Europe/Brussels").minus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  const entriesOf = async (userId: number) =>
    queryRows<{ id: number; description: string; project_id: number | null; seconds: number }>(
      t.db,
      sql`select id, description, project_id, extract(epoch from end_at - start_at)::int as seconds from time_entries where user_id = ${userId} order by start_at`,
    );

  it("entries made, changed and deleted in Teamleader appear, change and go in Stint; Stint's own pushes do not bounce", async () => {
    const { user, connection, project, design } = await setup();
    const { pullRemoteChanges } = await import("../sync/pull-apply");
    const pull = async () => pullRemoteChanges(t.db, (await connectionRow(connection.id))!, testProviders.get("teamleader")!);

    // One entry pushed from Stint, one booked in Teamleader on a task of the imported project.
    const mine = await createEntry(t.db, user, { project_id: project.id, notes: "From Stint", start_time: daysAgo(2, 9).toISO()!, end_time: daysAgo(2, 10).toISO()! });
    await drain(t.db, connection.id);
    const [remote] = tl.state.addTime({ userId: tl.state.me.id, workTypeId: null, startedAt: daysAgo(1, 14).toISO()!, duration: 5400, description: "Booked in Teamleader", subject: { type: "nextgenTask", id: design.id }, invoiceable: true });
    // Outside the window: never pulled.
    tl.state.addTime({ userId: tl.state.me.id, workTypeId: null, startedAt: daysAgo(40, 9).toISO()!, duration: 600, description: "Too old", subject: { type: "nextgenTask", id: design.id }, invoiceable: true });
    await pull();
    let rows = await entriesOf(user.id);
    expect(rows.map((r) => [r.description, r.project_id])).toEqual([["From Stint", project.id], ["Booked in Teamleader", project.id]]);
    const pulled = rows[1];
    expect(Number(pulled.seconds)).toBe(5400);
    expect(await linkOf(t.db, pulled.id)).toMatchObject({ state: "synced", remoteId: remote.id });
    expect(await linkOf(t.db, mine.entry.id)).toMatchObject({ state: "synced" });

    // Changed there: changed here, and nothing is sent back.
    remote.description = "Booked in Teamleader, renamed";
    remote.duration = 3600;
    await pull();
    await drain(t.db, connection.id);
    rows = await entriesOf(user.id);
    expect(rows[1]).toMatchObject({ id: pulled.id, description: "Booked in Teamleader, renamed" });
    expect(Number(rows[1].seconds)).toBe(3600);
    expect([tl.count("timeTracking.add"), tl.count("timeTracking.update")]).toEqual([1, 0]);

    // Deleted there: gone here (to the trash); a second pull changes nothing.
    tl.state.timeEntries.splice(tl.state.timeEntries.indexOf(remote), 1);
    await pull();
    expect((await entriesOf(user.id)).map((r) => r.description)).toEqual(["From Stint"]);
    expect(await pull()).toMatch(/^Pulled 0 /);
    expect(tl.state.timeEntries.map((e) => e.description).sort()).toEqual(["From Stint", "Too old"]);
  });

  it("changed on both sides, Teamleader's change later: Teamleader wins (seen at the pull, after Stint's edit), the log says so, nothing is pushed back", async () => {
    const { user, connection, project } = await setup();
    const { pullRemoteChanges } = await import("../sync/pull-apply");
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Both sides", start_time: daysAgo(3, 9).toISO()!, end_time: daysAgo(3, 10).toISO()! });
    await drain(t.db, connection.id);
    await pullRemoteChanges(t.db, (await connectionRow(connection.id))!, testProviders.get("teamleader")!);
    await updateEntry(t.db, user, e.entry.id, { notes: "Changed in Stint first" });
    tl.state.timeEntries[0].description = "Changed in Teamleader later";
    expect(await pullRemoteChanges(t.db, (await connectionRow(connection.id))!, testProviders.get("teamleader")!)).toBe("Pulled 1 remote change: 1 updated.");
    const events = await queryRows<{ message: string }>(t.db, sql`select message from integration_events where connection_id = ${connection.id} order by id`);
    expect(events.map((x) => x.message)).toContainEqual(
      expect.stringMatching(/^Conflict on log \S+, Teamleader Focus won: changed there \(seen there at \S+\), later than the edit in Stint at \S+; the entry now says what it says there\.$/),
    );
    const adds = tl.count("timeTracking.update");
    await drain(t.db, connection.id);
    expect(tl.count("timeTracking.update")).toBe(adds);
    expect(tl.state.timeEntries.map((x) => x.description)).toEqual(["Changed in Teamleader later"]);
    expect((await entriesOf(user.id)).map((r) => r.description)).toEqual(["Changed in Teamleader later"]);
  });

  it("changed on both sides, Stint's edit later (made while the pull ran): Stint wins, the log says so, and the next push overwrites Teamleader", async () => {
    const { user, connection, project } = await setup();
    const { applyRemoteChanges, pullRemoteChanges } = await import("../sync/pull-apply");
    const { providerContext } = await import("../context");
    const provider = testProviders.get("teamleader")!;
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Both sides", start_time: daysAgo(3, 9).toISO()!, end_time: daysAgo(3, 10).toISO()! });
    await drain(t.db, connection.id);
    await pullRemoteChanges(t.db, (await connectionRow(connection.id))!, provider);
    tl.state.timeEntries[0].description = "Changed in Teamleader first";
    // The pull reads Teamleader; Stint's edit lands after that read and before the change is applied.
    const fetchedAt = new Date();
    const { changes } = await provider.pull!.changesSince(providerContext(t.db, (await connectionRow(connection.id))!, provider), null);
    await expect.poll(() => Date.now()).toBeGreaterThan(fetchedAt.getTime());
    await updateEntry(t.db, user, e.entry.id, { notes: "Changed in Stint later" });
    expect(await applyRemoteChanges(t.db, (await connectionRow(connection.id))!, provider, changes, { fetchedAt })).toMatchObject({ kept: 1 });
    const events = await queryRows<{ message: string }>(t.db, sql`select message from integration_events where connection_id = ${connection.id} order by id`);
    expect(events.map((x) => x.message)).toContainEqual(
      expect.stringMatching(/^Conflict on log \S+, Stint won: edited in Stint at \S+, not before the change in Teamleader Focus \(seen there at \S+\); Stint's version is sent on the next push\.$/),
    );
    await drain(t.db, connection.id);
    expect(tl.state.timeEntries.map((x) => x.description)).toEqual(["Changed in Stint later"]);
    expect((await entriesOf(user.id)).map((r) => r.description)).toEqual(["Changed in Stint later"]);
  });
});

describe("Teamleader Focus: members matched to Teamleader users by email", () => {
  async function team() {
    const s = await setup();
    // Bob has a Teamleader user (his email in another case); Carol has none.
    const bob = await makeUser(t.db, { timezone: "Europe/Brussels" });
    const carol = await makeUser(t.db, { timezone: "Europe/Brussels" });
    await addMember(t.db, s.user.workspaceId, bob.id, "member");
    await addMember(t.db, s.user.workspaceId, carol.id, "member");
    const bobTl = { id: crypto.randomUUID(), firstName: "Bob", lastName: "Builder", email: bob.email.toUpperCase(), timeZone: "Europe/Brussels", status: "active" as const };
    tl.state.users.push(bobTl);
    const bobActor = await userActor(t.db, bob, SCOPES, s.user.workspaceId);
    const carolActor = await userActor(t.db, carol, SCOPES, s.user.workspaceId);
    const imported = await importProjects(t.db, (await connectionRow(s.connection.id))!, undefined, testProviders);
    return { ...s, bob, carol, bobTl, bobActor, carolActor, imported };
  }

  it("the import matches members by email; pushes carry each member's Teamleader user; a member without one is held with the reason until an import finds one", async () => {
    const { user, connection, project, bob, carol, bobTl, bobActor, carolActor, imported } = await team();
    expect(imported.members).toEqual({ matched: 2, members: 3, unmatched: [carol.email] });
    expect((await connectionRow(connection.id)).settings).toMatchObject({ memberUsers: { [String(user.id)]: tl.state.me.id, [String(bob.id)]: bobTl.id } });
    const events = await queryRows<{ message: string }>(t.db, sql`select message from integration_events where connection_id = ${connection.id} order by id`);
    expect(events.map((x) => x.message)).toContain(`Matched 2 of 3 members to Teamleader Focus users by email; no Teamleader Focus user for ${carol.email} (their entries are held until one is added).`);

    const mine = await createEntry(t.db, user, { project_id: project.id, notes: "Tess's", start_time: "2025-06-10T09:00", end_time: "2025-06-10T10:00" });
    const bobs = await createEntry(t.db, bobActor, { project_id: project.id, notes: "Bob's", start_time: "2025-06-10T11:00", end_time: "2025-06-10T12:00" });
    const carols = await createEntry(t.db, carolActor, { project_id: project.id, notes: "Carol's", start_time: "2025-06-10T13:00", end_time: "2025-06-10T14:00" });
    await drain(t.db, connection.id);
    expect(remoteEntries().map((r) => [r.description, r.user])).toEqual([
      ["Bob's", bobTl.id],
      ["Tess's", tl.state.me.id],
    ]);
    expect(await linkOf(t.db, mine.entry.id)).toMatchObject({ state: "synced" });
    expect(await linkOf(t.db, bobs.entry.id)).toMatchObject({ state: "synced" });
    expect(await linkOf(t.db, carols.entry.id)).toMatchObject({ state: "incomplete", lastError: expect.stringMatching(new RegExp(`^No Teamleader user has the email ${carol.email.replace(/[.]/g, "\\.")}: `)) });
    // Held: "Sync now" does not retry it.
    await enqueueJob(t.db, connection, "sync", testProviders);
    await workOnce(t.db, FAST);
    expect(await linkOf(t.db, carols.entry.id)).toMatchObject({ state: "incomplete" });
    expect(tl.count("timeTracking.add")).toBe(2);

    // Carol gets a Teamleader user: the next import matches her and her entry goes.
    const carolTl = { id: crypto.randomUUID(), firstName: "Carol", lastName: "C", email: carol.email, timeZone: "Europe/Brussels", status: "active" as const };
    tl.state.users.push(carolTl);
    await importProjects(t.db, (await connectionRow(connection.id))!, undefined, testProviders);
    await drain(t.db, connection.id);
    expect(await linkOf(t.db, carols.entry.id)).toMatchObject({ state: "synced" });
    expect(remoteEntries().find((r) => r.description === "Carol's")).toMatchObject({ user: carolTl.id });
  });

  it("a pulled entry of a matched Teamleader user lands on that member; one of an unmatched user is not pulled", async () => {
    const { user, connection, design, bob, bobTl } = await team();
    const { pullRemoteChanges } = await import("../sync/pull-apply");
    const at = DateTime.now().setZone("Europe/Brussels").minus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const stranger = { id: crypto.randomUUID(), firstName: "Sam", lastName: "Stranger", email: "sam@elsewhere.example", timeZone: "Europe/Brussels", status: "active" as const };
    tl.state.users.push(stranger);
    const subject = { type: "nextgenTask", id: design.id };
    tl.state.addTime({ userId: bobTl.id, workTypeId: null, startedAt: at.toISO()!, duration: 1800, description: "Bob in Teamleader", subject, invoiceable: true });
    tl.state.addTime({ userId: tl.state.me.id, workTypeId: null, startedAt: at.plus({ hours: 1 }).toISO()!, duration: 1800, description: "Tess in Teamleader", subject, invoiceable: true });
    tl.state.addTime({ userId: stranger.id, workTypeId: null, startedAt: at.plus({ hours: 2 }).toISO()!, duration: 1800, description: "Sam in Teamleader", subject, invoiceable: true });
    expect(await pullRemoteChanges(t.db, (await connectionRow(connection.id))!, testProviders.get("teamleader")!)).toBe("Pulled 2 remote changes: 2 added.");
    const owners = await queryRows<{ description: string; user_id: number; source: string }>(
      t.db,
      sql`select description, user_id, source from time_entries where workspace_id = ${user.workspaceId} order by start_at`,
    );
    expect(owners).toEqual([
      { description: "Bob in Teamleader", user_id: bob.id, source: "import" },
      { description: "Tess in Teamleader", user_id: user.id, source: "import" },
    ]);
  });
});

describe("Teamleader Focus: sync jobs report their phase", () => {
  it("a sync job goes through projects, tasks, users, pull and push, with done of total; the job API shows them", async () => {
    const { connection } = await setup();
    const { integrationJobs } = await import("@/db/schema");
    const { serializeJob } = await import("../service");
    // A second project with a task: two task steps.
    const other = tl.state.addProject({ title: "Intranet", customer: null });
    tl.state.addTask(other.id, { title: "Build" });
    const seen: string[] = [];
    const job = await enqueueJob(t.db, connection, "sync", testProviders);
    const phaseNow = async (what: string) => {
      const [row] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
      seen.push(`${what}: ${row.phase} ${row.done}/${row.total}`);
    };
    // The provider as the engine calls it, noting the job's phase at each call.
    testProviders.use({
      ...teamleader,
      rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 },
      import: {
        ...teamleader.import!,
        listTasks: async (ctx, id) => (await phaseNow("listTasks"), teamleader.import!.listTasks!(ctx, id)),
        listPeople: async (ctx) => (await phaseNow("listPeople"), teamleader.import!.listPeople!(ctx)),
      },
      pull: { changesSince: async (ctx, cursor) => (await phaseNow("changesSince"), teamleader.pull!.changesSince(ctx, cursor)) },
    });
    try {
      await workOnce(t.db, FAST);
    } finally {
      testProviders.use({ ...teamleader, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
    }
    // 1 projects step + 2 task steps + 1 users step + pull + push = 6.
    expect(seen).toEqual(["listTasks: projects 1/6", "listTasks: tasks 2/6", "listPeople: tasks 3/6", "changesSince: pull 4/6"]);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(serializeJob(done)).toMatchObject({ status: "succeeded", phase: "done", done: 6, total: 6, message: "Imported 2 projects and 2 tasks. Matched 1 of 1 members. Pulled 0 remote changes. Pushed 0 entries." });
  });
});

describe("Teamleader Focus: work types (the connection's default, a project's override)", () => {
  it("read with the connection; a project's override goes into its pushes; unknown work types, foreign and local projects are refused", async () => {
    const { user, connection, project } = await setup();
    const { getIntegration, updateIntegration } = await import("../service");
    const { createProject } = await import("@/lib/projects/service");
    const meeting = tl.state.workTypes.find((w) => w.name === "Meeting")!.id;
    const development = tl.state.workTypes.find((w) => w.name === "Development")!.id;
    const read = async () => (await getIntegration(t.db, user, connection.id)).work_types;
    expect(await read()).toEqual({
      choices: tl.state.workTypes.map((w) => ({ id: w.id, name: w.name })),
      default_id: meeting,
      projects: [{ project_id: project.id, name: "Website", work_type_id: null }],
    });

    const updated = await updateIntegration(t.db, user, connection.id, { work_types: { projects: { [String(project.id)]: development } } }, testProviders);
    expect(updated.work_types?.projects).toEqual([{ project_id: project.id, name: "Website", work_type_id: development }]);
    const e = await createEntry(t.db, user, { project_id: project.id, notes: "Overridden", start_time: "2025-06-10T09:00", end_time: "2025-06-10T10:00" });
    await drain(t.db, connection.id);
    expect(remoteEntries()).toMatchObject([{ description: "Overridden", workType: development }]);

    // Back to the default, which becomes Development too; the next push of that project says so.
    await updateIntegration(t.db, user, connection.id, { work_types: { default_id: development, projects: { [String(project.id)]: null } } }, testProviders);
    expect(await read()).toMatchObject({ default_id: development, projects: [{ project_id: project.id, work_type_id: null }] });
    expect((await connectionRow(connection.id)).settings).toMatchObject({ workTypeId: development, workTypeName: "Development", projectWorkTypes: {} });
    await updateEntry(t.db, user, e.entry.id, { notes: "Default again" });
    await drain(t.db, connection.id);
    expect(remoteEntries()).toMatchObject([{ description: "Default again", workType: development }]);

    const refused = (input: Parameters<typeof updateIntegration>[3]) => updateIntegration(t.db, user, connection.id, input, testProviders).then(() => null, (error: unknown) => error);
    expect(await refused({ work_types: { default_id: "not-a-work-type" } })).toMatchObject({ code: "validation_error", details: { fields: { "work_types.default_id": [expect.stringMatching(/^Not a work type of this Teamleader Focus account/)] } } });
    const local = await createProject(t.db, user, { name: `Local ${user.id}` });
    expect(await refused({ work_types: { projects: { [String(local.id)]: development } } })).toMatchObject({
      code: "validation_error",
      details: { fields: { [`work_types.projects.${local.id}`]: ["This project was not imported from this Teamleader Focus connection."] } },
    });
    const stranger = await makeUser(t.db);
    const theirs = await createProject(t.db, stranger, { name: `Theirs ${stranger.id}` });
    expect(await refused({ work_types: { projects: { [String(theirs.id)]: development } } })).toMatchObject({ code: "not_found" });
    // Someone else's connection is not theirs to change.
    expect(await updateIntegration(t.db, stranger, connection.id, { work_types: { default_id: meeting } }, testProviders).then(() => null, (error: unknown) => error)).toMatchObject({ code: "not_found" });
    expect((await connectionRow(connection.id)).settings).toMatchObject({ workTypeId: development });
  });
});

describe("Teamleader Focus: next sync on the connection", () => {
  it("due now before the first pull, the schedule's interval after the last one, none once stopped", async () => {
    const { user, connection } = await setup();
    const { getIntegration } = await import("../service");
    const before = Date.now();
    const first = await getIntegration(t.db, user, connection.id);
    expect(Date.parse(first.next_sync_at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(first.next_sync_at!)).toBeLessThanOrEqual(Date.now() + 1000);

    const pull = await enqueueJob(t.db, connection, "pull", testProviders);
    const every = Number(process.env.STINT_SYNC_EVERY_MINUTES ?? 15) * 60_000;
    expect((await getIntegration(t.db, user, connection.id)).next_sync_at).toBe(new Date(pull.createdAt.getTime() + every).toISOString());

    await t.db.update(integrationConnections).set({ status: "error", lastError: "Reconnect" }).where(eq(integrationConnections.id, connection.id));
    expect((await getIntegration(t.db, user, connection.id)).next_sync_at).toBeNull();
  });
});
