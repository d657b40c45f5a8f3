// The whole chain against the fake ALP: entries change in Stint → the outbox → the worker → the ALP
// provider → HTTP → the fake's time entries. Each test compares the fake's entries with Stint's.
process.env.STINT_HTTP_TIMEOUT_MS = "400"; // the fake's "timeout" fault never answers

import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAlp, type FakeAlp } from "@/e2e/fakes/alp";
import { FAST, drain, linkOf, testProviders } from "@/e2e/support/sync-engine";
import { createTestDb, type TestDb } from "@/db/testing";
import { entrySyncLinks, integrationConnections, projects, tasks } from "@/db/schema";
import { createEntry, deleteEntry, updateEntry } from "@/lib/entries/service";
import { makeUser } from "@/lib/testing/users";
import { fetchWithTimeout } from "../http";
import { connectWithCredentials, entrySyncStates } from "../service";
import { claimDueLinks } from "../sync/claim";
import { importProjects } from "../sync/import-projects";
import { pushLink } from "../sync/push";
import { pushDueLinks } from "../sync/worker";
import { TransientError, type ProviderContext, type SyncEntry } from "../types";
import { INVOICED, createLog } from "./entries";
import { alp as alpProvider, type AlpSettings } from "./index";

let t: TestDb;
let alp: FakeAlp;

beforeAll(async () => {
  t = await createTestDb();
  // The contract's 60 a minute would make these tests wait: lifted here (the fake's own limit too).
  testProviders.use({ ...alpProvider, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } });
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  alp = await startFakeAlp();
  alp.state.config.rateLimitPerMinute = 100_000;
});
afterEach(() => alp.close());

async function setup() {
  const user = await makeUser(t.db, { timezone: "Australia/Sydney" });
  const me = alp.state.addUser({ email: user.email, name: "Pat Solicitor" });
  alp.state.addUser({ email: "colleague@example.com" });
  const key = alp.state.issueKey(me.id);
  const matter = alp.state.addMatter({ name: "Smith v Jones", number: "1001/26", default_gst_type_id: "GST" });
  const outcome = alp.state.addOutcome(matter.id, "Pleadings");
  const component = alp.state.addComponent(outcome.id, "Drafting");
  const connection = await connectWithCredentials(t.db, user, "alp", { api_key: key, settings: { url: alp.url } }, testProviders);
  await importProjects(t.db, connection, undefined, testProviders);
  const [project] = await t.db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, matter.id)));
  const [task] = await t.db.select().from(tasks).where(eq(tasks.projectId, project.id));
  return { user, me, key, matter, outcome, component, connection, project, task };
}

/** The fake's entries without their ids, in a stable order. */
const remote = () =>
  alp
    .entries()
    .map(({ id: _id, ...e }) => e)
    .sort((a, b) => a.description.localeCompare(b.description));

describe("pushing to ALP", () => {
  it("a stopped entry on a matter is POSTed once in the contract's shape, with an Idempotency-Key per entry version", async () => {
    const { user, me, matter, outcome, component, project, task, connection } = await setup();
    // 09:00–10:30 in Sydney on 24 Nov (UTC+11): the day and offset are the person's.
    const { entry } = await createEntry(t.db, user, { project_id: project.id, task_id: task.id, notes: "Drafted statement of claim", start_time: "2026-11-24T09:00", end_time: "2026-11-24T10:30", billable: true });
    const { entry: onMatter } = await createEntry(t.db, user, { project_id: project.id, notes: "Phone call, no GST", tags: ["GST-FREE"], billable: false, start_time: "2026-11-24T11:00", end_time: "2026-11-24T11:07" });
    await drain(t.db, connection.id);
    expect(remote()).toEqual([
      {
        matter_id: matter.id, outcome_id: outcome.id, component_id: component.id, user_id: me.id, date: "2026-11-24", start_time: "2026-11-24T09:00:00+11:00",
        minutes: 90, units: 15, description: "Drafted statement of claim", gst_type_id: "GST", billable: true, external_ref: `stint:${user.workspaceId}:${entry.id}`, invoiced: false,
      },
      {
        matter_id: matter.id, outcome_id: null, component_id: null, user_id: me.id, date: "2026-11-24", start_time: "2026-11-24T11:00:00+11:00",
        minutes: 7, units: 2, description: "Phone call, no GST", gst_type_id: "GST-FREE", billable: false, external_ref: `stint:${user.workspaceId}:${onMatter.id}`, invoiced: false,
      },
    ]);
    const posts = alp.state.requests.filter((r) => r.route === "POST time_entries");
    expect(posts.map((r) => r.status)).toEqual([201, 201]);
    expect(posts.map((r) => r.idempotencyKey).sort()).toEqual([expect.stringMatching(new RegExp(`^stint:${user.workspaceId}:${entry.id}:v\\d+$`)), expect.stringMatching(new RegExp(`^stint:${user.workspaceId}:${onMatter.id}:v\\d+$`))].sort());
    expect(await linkOf(t.db, entry.id)).toMatchObject({ state: "synced", remoteId: alp.entries().find((e) => e.description.startsWith("Drafted"))!.id });
    // The person's ALP user was found by email once and remembered.
    const [row] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(row.settings).toMatchObject({ userId: me.id, userEmail: user.email });
    expect(alp.count("GET users")).toBe(2); // the connect check, then the one look-up
  });

  it("edits are PATCHed, an incomplete entry is taken back, a deleted one DELETEd; the badge says what an entry needs", async () => {
    const { user, project, task, connection } = await setup();
    const { entry } = await createEntry(t.db, user, { project_id: project.id, task_id: task.id, notes: "Advice", start_time: "2026-11-25T14:00", end_time: "2026-11-25T15:00" });
    await drain(t.db, connection.id);
    const [created] = alp.entries();

    await updateEntry(t.db, user, entry.id, { notes: "Advice on settlement", end_time: "2026-11-25T15:20", task_id: null });
    await drain(t.db, connection.id);
    expect(alp.entries()).toEqual([expect.objectContaining({ id: created.id, description: "Advice on settlement", minutes: 80, units: 14, outcome_id: null, component_id: null })]);
    expect([alp.count("POST time_entries"), alp.count("PATCH time_entries")]).toEqual([1, 1]);

    await updateEntry(t.db, user, entry.id, { notes: "  " });
    await drain(t.db, connection.id);
    expect(alp.entries()).toEqual([]);
    expect(await entrySyncStates(t.db, user, [entry.id])).toEqual([expect.objectContaining({ provider: "alp", state: "incomplete", reason: "Needs a description" })]);

    await updateEntry(t.db, user, entry.id, { notes: "Advice again" });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.description)).toEqual(["Advice again"]);
    await deleteEntry(t.db, user, entry.id);
    await drain(t.db, connection.id);
    expect(alp.entries()).toEqual([]);
    expect(alp.count("DELETE time_entries")).toBe(2);
  });

  it("a change of tags only is sent (the GST type comes from a tag); the same tags again send nothing", async () => {
    const { user, project, connection } = await setup();
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Filing", tags: ["urgent"], start_time: "2026-11-26T09:00", end_time: "2026-11-26T09:30" });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.gst_type_id)).toEqual(["GST"]); // the matter's default

    await updateEntry(t.db, user, entry.id, { tags: ["urgent", "GST-FREE"] });
    expect(await linkOf(t.db, entry.id)).toMatchObject({ state: "pending" });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.gst_type_id)).toEqual(["GST-FREE"]);
    expect(alp.count("PATCH time_entries")).toBe(1);

    await updateEntry(t.db, user, entry.id, { tags: ["GST-FREE", "urgent"] });
    expect(await linkOf(t.db, entry.id)).toMatchObject({ state: "synced" });

    await updateEntry(t.db, user, entry.id, { tags: ["urgent"] });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.gst_type_id)).toEqual(["GST"]);
    expect(alp.count("PATCH time_entries")).toBe(2);
  });

  it("an invoiced entry is not changed or deleted: the entry shows why (409 invoiced is permanent)", async () => {
    const { user, project, connection } = await setup();
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Billed already", start_time: "2026-11-26T09:00", end_time: "2026-11-26T10:00" });
    await drain(t.db, connection.id);
    alp.state.entries[0].invoiced = true;

    await updateEntry(t.db, user, entry.id, { notes: "Changed after invoicing" });
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.description)).toEqual(["Billed already"]);
    expect(await entrySyncStates(t.db, user, [entry.id])).toEqual([expect.objectContaining({ state: "failed", reason: INVOICED })]);
    const patches = alp.count("PATCH time_entries");
    // No retry loop: a permanent failure waits for the person.
    await drain(t.db, connection.id);
    expect(alp.count("PATCH time_entries")).toBe(patches);

    await deleteEntry(t.db, user, entry.id);
    await drain(t.db, connection.id);
    expect(alp.entries()).toHaveLength(1);
    expect(await linkOf(t.db, entry.id)).toMatchObject({ state: "failed", lastError: INVOICED });
  });

  it("500s, a reset, a timeout, a lost answer and a 429 are retried until it works: exactly one ALP entry", async () => {
    const { user, project, connection } = await setup();
    alp.failNext(2, 500, { method: "POST" });
    alp.failNext(1, "reset", { method: "POST" });
    alp.failNext(1, "timeout", { method: "POST" });
    alp.failNext(1, 429, { method: "POST", retryAfter: 0 });
    alp.failNext(1, "after-commit-500", { method: "POST" });
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Stubborn", start_time: "2026-11-27T09:00", end_time: "2026-11-27T10:00" });
    await drain(t.db, connection.id, FAST, 20_000);
    expect(remote()).toMatchObject([{ description: "Stubborn", minutes: 60 }]);
    // The lost answer's entry was found by its external_ref in the user's day, not created again.
    expect(alp.state.requests.filter((r) => r.route === "POST time_entries").map((r) => r.status)).toEqual([500, 500, 0, 0, 429, 500]);
    expect(alp.count("GET time_entries")).toBeGreaterThan(0);
    expect(await linkOf(t.db, entry.id)).toMatchObject({ state: "synced", remoteId: alp.entries()[0].id, attempt: null });
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn.status).toBe("active");
  });

  it("a worker that dies between ALP's create and its own commit: the next one finds the entry, no duplicate", async () => {
    const { user, project, connection } = await setup();
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Crash test", start_time: "2026-11-28T09:00", end_time: "2026-11-28T11:15" });
    const [link] = await claimDueLinks(t.db, "doomed", 1, connection.id);
    void pushLink(t.db, link, { workerId: "doomed", backoff: FAST.backoff!, providers: testProviders, afterRemoteCreate: () => new Promise<never>(() => {}) });
    await expect.poll(() => alp.entries().length, { message: "the doomed worker never created its entry" }).toBe(1);
    await t.db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, entry.id));
    await drain(t.db, connection.id);
    expect(remote()).toMatchObject([{ description: "Crash test", minutes: 135, units: 23 }]);
    expect(alp.count("POST time_entries")).toBe(1);
    expect((await linkOf(t.db, entry.id)).remoteId).toBe(alp.entries()[0].id);
  });

  it("a person who is not an active ALP user: each entry says what it needs; a revoked key stops the connection", async () => {
    const { user, me, key, project, connection } = await setup();
    me.active = false;
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Nobody", start_time: "2026-11-29T09:00", end_time: "2026-11-29T10:00" });
    await drain(t.db, connection.id);
    expect(await entrySyncStates(t.db, user, [entry.id])).toEqual([expect.objectContaining({ state: "failed", reason: expect.stringMatching(new RegExp(`^Needs ${user.email} to be an active user in ALP`)) })]);
    expect(alp.entries()).toEqual([]);

    alp.state.revokeKey(key);
    me.active = true;
    await updateEntry(t.db, user, entry.id, { notes: "Revoked" });
    await pushDueLinks(t.db, FAST, connection.id);
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(conn).toMatchObject({ status: "error", lastError: expect.stringContaining("ALP refused the API key") });
    expect(alp.entries()).toEqual([]);
  });
});

describe("ALP's limit of 60 requests a minute per key", () => {
  it("a 429 pauses the whole connection for its Retry-After; the entry waits and says why", async () => {
    const { user, project, connection } = await setup();
    alp.state.callTimes.clear();
    alp.state.config.rateLimitPerMinute = 0; // every call from now on is over the limit (Retry-After: 1)
    const { entry } = await createEntry(t.db, user, { project_id: project.id, notes: "Throttled", start_time: "2026-12-01T09:00", end_time: "2026-12-01T10:00" });
    const before = Date.now();
    await pushDueLinks(t.db, FAST, connection.id);
    const link = await linkOf(t.db, entry.id);
    expect(link).toMatchObject({ state: "pending", attempts: 1, lastError: expect.stringContaining("ALP throttled this key") });
    const [conn] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    // The fake's Retry-After for an empty window is 1 s at least: the connection waits that long.
    expect(conn.blockedUntil!.getTime()).toBeGreaterThanOrEqual(before + 900);
    expect(link.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 900);
    expect(alp.entries()).toEqual([]);
    alp.state.config.rateLimitPerMinute = 100_000;
    await drain(t.db, connection.id);
    expect(alp.entries().map((e) => e.description)).toEqual(["Throttled"]);
  });
});

describe("ALP's Idempotency-Key", () => {
  it("the same version twice is one entry (201, then 200 with it); the same key with another body is a 409, retried as a transient failure", async () => {
    const me = alp.state.addUser({ email: "idem@example.com" });
    const matter = alp.state.addMatter({ name: "Idempotent" });
    const settings: AlpSettings = { url: alp.url, userId: me.id, userEmail: "idem@example.com", gstTypes: [], matterGst: { [matter.id]: "GST" } };
    const key = alp.state.issueKey(me.id);
    const ctx: ProviderContext<AlpSettings> = {
      settings,
      http: fetchWithTimeout,
      accessToken: async () => key,
      refreshedAccessToken: async () => key,
      now: () => new Date(),
      remember: async (values) => void Object.assign(settings, values),
    };
    const entry: SyncEntry = { id: 7, workspaceId: 3, version: "41", userEmail: "idem@example.com", tags: [], description: "Once", startAt: new Date("2026-11-30T01:00:00Z"), endAt: new Date("2026-11-30T02:00:00Z"), billable: true, remoteProjectId: matter.id, remoteTaskId: null, timezone: "UTC" };
    const first = await createLog(ctx, entry);
    const again = await createLog(ctx, entry);
    expect(again).toEqual(first);
    expect(alp.state.requests.map((r) => [r.status, r.idempotencyKey])).toEqual([[201, "stint:3:7:v41"], [200, "stint:3:7:v41"]]);
    settings.matterGst[matter.id] = "GST-FREE";
    await expect(createLog(ctx, entry)).rejects.toBeInstanceOf(TransientError);
    expect(alp.entries()).toHaveLength(1);
  });
});
