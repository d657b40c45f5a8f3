import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { activityBuckets, integrationConnections, integrationJobs, suggestions } from "@/db/schema";
import { startFakeRescueTime, workday, type FakeRescueTime } from "@/e2e/fakes/rescuetime";
import { runCommand } from "@/lib/cli/commands";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/users";
import { listSuggestions } from "@/lib/suggestions/service";
import { openCredentials } from "../credentials";
import { connectWithCredentials, getJob, startImport } from "../service";
import { readCursor, saveCursor } from "../sync/cursors";
import { workOnce } from "../sync/worker";
import { scheduleActivityImports } from "../sync/activity-schedule";
import { importDays } from "../sync/import-activity";
import { runJob } from "../sync/jobs";
import { addCalendarDays } from "@/lib/time/calendar";
import { todayIn } from "@/lib/time/period";

// RescueTime against the fake Analytic Data API: the key is checked with one call and sealed; an import
// of a day is the same day however often it runs; a revoked key stops the connection.

let t: TestDb;
let rt: FakeRescueTime;
beforeAll(async () => {
  t = await createTestDb();
  rt = await startFakeRescueTime();
  process.env.RESCUETIME_API_URL = rt.url;
});
afterAll(async () => {
  delete process.env.RESCUETIME_API_URL;
  await rt.close();
  await t.cleanup();
});

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
};

const DAY = "2026-11-02";

async function connected(key: string, timezone = "Europe/Berlin") {
  const user = await makeUser(t.db, { timezone });
  rt.state.addKey(key, workday(DAY));
  const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: key, settings: {} });
  return { user, connection };
}

/** Queues an import of `DAY` and runs the worker's round; returns the finished job. */
async function importDay(user: Awaited<ReturnType<typeof makeUser>>, connectionId: number) {
  const job = await startImport(t.db, user, connectionId, undefined, { from: DAY, to: DAY });
  await workOnce(t.db);
  return getJob(t.db, user, connectionId, job.id);
}

describe("RescueTime", () => {
  it("connects with a good key (one call, sealed at rest); a wrong key (HTTP 200 + error body) and a revoked key (401) save nothing", async () => {
    const user = await makeUser(t.db);
    rt.state.addKey("rt-good-key-1");
    rt.state.addKey("rt-revoked-key");
    rt.state.revoke("rt-revoked-key");
    const calls = rt.requests.length;

    const wrong = await failure(connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-no-such-key", settings: {} }));
    expect(wrong).toMatchObject({ code: "bad_request", message: expect.stringContaining("RescueTime refused the API key"), details: { reason: "provider_refused" } });
    const revoked = await failure(connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-revoked-key", settings: {} }));
    expect(revoked.message).toContain("RescueTime refused the API key");
    // A host from the person is never used: baseUrls is the administrator's (RESCUETIME_API_URL).
    const sneaky = await failure(connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-good-key-1", settings: { baseUrls: { api: "http://evil.example" }, extra: 1 } as never }));
    expect(sneaky.code).toBe("validation_error");
    expect(await t.db.select().from(integrationConnections).where(eq(integrationConnections.userId, user.id))).toEqual([]);

    const connection = await connectWithCredentials(t.db, user, "rescuetime", { api_key: "rt-good-key-1", settings: {} });
    expect(connection).toMatchObject({ provider: "rescuetime", label: "RescueTime", settings: { baseUrls: { api: rt.url } }, routing: "none" });
    expect(connection.credentials).not.toContain("rt-good-key-1");
    expect(openCredentials(connection)).toEqual({ apiKey: "rt-good-key-1" });
    const checks = rt.requests.slice(calls);
    expect(checks).toHaveLength(3); // one call per attempt; the bad settings never reached RescueTime
    expect(Object.fromEntries(checks[2])).toMatchObject({ key: "***", format: "json", perspective: "rank", restrict_kind: "overview" });
  });

  it("imports a day as 5-minute buckets in the person's zone, through a job with progress; importing it again changes nothing", async () => {
    const { user, connection } = await connected("rt-day-key");
    const first = await importDay(user, connection.id);
    expect(first).toMatchObject({ kind: "import", status: "succeeded", done: 1, total: 1, message: "Imported 1 days (43 activity rows): 3 new suggestions." });
    // Asked whole local days, interval perspective, minute resolution, activity then document.
    const asked = rt.requests.slice(-2).map((q) => [q.get("perspective"), q.get("resolution_time"), q.get("restrict_kind"), q.get("restrict_begin"), q.get("restrict_end")]);
    expect(asked).toEqual([
      ["interval", "minute", "activity", DAY, DAY],
      ["interval", "minute", "document", DAY, DAY],
    ]);
    const buckets = await t.db.select().from(activityBuckets).where(eq(activityBuckets.connectionId, connection.id));
    expect(buckets).toHaveLength(43);
    // 09:00 in Berlin (UTC+1 in November) is 08:00Z.
    expect(buckets.find((b) => b.activity === "code" && b.document)?.startAt.toISOString()).toBe("2026-11-02T08:00:00.000Z");

    const before = await listSuggestions(t.db, user, { from: DAY, to: DAY });
    expect(before.items.map((s) => [s.startAt.toISOString(), s.endAt.toISOString(), s.notes])).toEqual([
      ["2026-11-02T08:00:00.000Z", "2026-11-02T08:50:00.000Z", "code: lib/suggestions/rules.ts"],
      ["2026-11-02T09:10:00.000Z", "2026-11-02T09:30:00.000Z", "github.com: stint/pull/14"],
      ["2026-11-02T13:00:00.000Z", "2026-11-02T13:40:00.000Z", "docs.google.com: Invoice notes"],
    ]);
    const again = await importDay(user, connection.id);
    expect(again.message).toBe("Imported 1 days (43 activity rows): 0 new suggestions.");
    const after = await listSuggestions(t.db, user, { from: DAY, to: DAY });
    expect(after.items.map((s) => s.id)).toEqual(before.items.map((s) => s.id));
    expect(await t.db.select().from(activityBuckets).where(eq(activityBuckets.connectionId, connection.id))).toHaveLength(43);
    expect(await readCursor(t.db, connection.id, "activity")).toBe(DAY);
  });

  it("an empty day imports nothing; a 500 fails the job without losing days; a revoked key stops the connection", async () => {
    const { user, connection } = await connected("rt-fail-key");
    const empty = await startImport(t.db, user, connection.id, undefined, { from: "2026-10-01", to: "2026-10-01" });
    await workOnce(t.db);
    expect(await getJob(t.db, user, connection.id, empty.id)).toMatchObject({ status: "succeeded", message: "Imported 1 days (0 activity rows): 0 new suggestions." });

    rt.failNext(1);
    const failed = await importDay(user, connection.id);
    expect(failed).toMatchObject({ status: "failed", message: expect.stringContaining("HTTP 500") });
    expect(await t.db.select().from(suggestions).where(eq(suggestions.userId, user.id))).toEqual([]);

    rt.state.revoke("rt-fail-key");
    const revoked = await importDay(user, connection.id);
    expect(revoked).toMatchObject({ status: "failed", message: expect.stringContaining("RescueTime refused the API key") });
    const [row] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(row.status).toBe("error");
  });

  it("a range is checked before it is queued; a member imports their own activity (no import permission needed)", async () => {
    const { user, connection } = await connected("rt-range-key");
    expect((await failure(startImport(t.db, user, connection.id, undefined, { from: "2026-11-05", to: "2026-11-01" }))).details).toEqual({ fields: { from: ["from must not be after to."] } });
    expect((await failure(startImport(t.db, user, connection.id, undefined, { from: "2026-13-01" }))).code).toBe("validation_error");
    const job = await startImport(t.db, { ...user, role: "member" }, connection.id, undefined, { from: "2026-11-01", to: "2026-11-03" });
    const [row] = await t.db.select().from(integrationJobs).where(and(eq(integrationJobs.id, job.id)));
    expect(row).toMatchObject({ kind: "import", status: "queued", params: { from: "2026-11-01", to: "2026-11-03" } });
    await workOnce(t.db);
    expect(await getJob(t.db, user, connection.id, job.id)).toMatchObject({ status: "succeeded", done: 3, total: 3 });
  });

  it("stint integrations connect rescuetime --user E --api-key K: connected, the key not printed; a wrong key is exit 1 with the reason", async () => {
    const user = await makeUser(t.db);
    rt.state.addKey("rt-cli-key-1");
    const refused = await runCommand(t.db, ["integrations", "connect", "rescuetime", "--user", user.email, "--api-key", "rt-cli-wrong-1"], { via: "direct" });
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("RescueTime refused the API key") });
    const done = await runCommand(t.db, ["integrations", "connect", "rescuetime", "--user", user.email, "--api-key", "rt-cli-key-1", "--json"], { via: "direct" });
    expect(done.stderr).toBe("");
    expect(JSON.parse(done.stdout)).toMatchObject({ provider: "rescuetime", label: "RescueTime" });
    expect(done.stdout).not.toContain("rt-cli-key-1");
  });

  it("the worker schedules an import every 30 minutes per active connection, from the day before the cursor through today", async () => {
    const { user, connection } = await connected("rt-schedule-key");
    await importDay(user, connection.id); // cursor: DAY
    expect(await importDays(t.db, connection.id, "Europe/Berlin", null, new Date("2026-11-03T12:00:00Z"))).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
    const today = todayIn("Europe/Berlin");
    await saveCursor(t.db, connection.id, "activity", addCalendarDays(today, -1));
    await t.db.update(integrationJobs).set({ createdAt: new Date(Date.now() - 31 * 60_000) }).where(eq(integrationJobs.connectionId, connection.id));
    expect(await scheduleActivityImports(t.db)).toBeGreaterThanOrEqual(1);
    const queued = await t.db.select().from(integrationJobs).where(and(eq(integrationJobs.connectionId, connection.id), eq(integrationJobs.status, "queued")));
    expect(queued.map((j) => [j.kind, j.params])).toEqual([["import", null]]);
    expect(await scheduleActivityImports(t.db)).toBe(0); // queued already (and one within the 30 minutes)
    await runJob(t.db, queued[0], async () => 0);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, queued[0].id));
    expect(done).toMatchObject({ status: "succeeded", done: 3, total: 3, message: "Imported 3 days (0 activity rows): 0 new suggestions." });
    expect(await readCursor(t.db, connection.id, "activity")).toBe(today);
  });
});
