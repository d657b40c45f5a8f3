import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { deletedTimeEntries, entrySyncLinks, integrationConnections, integrationJobs, projects, timeEntries, workspaceMembers } from "@/db/schema";
import { createEntry, deleteEntry, restoreEntry, updateEntry } from "@/lib/entries/service";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { startTimer } from "@/lib/timer/service";
import { saveConnection } from "../connections";
import { listEvents } from "../events";
import { importProjects } from "./import-projects";
import { claimDueLinks } from "./claim";
import { enqueueJob } from "./jobs";
import { pushLink } from "./push";
import { readCursor } from "./cursors";
import { applyRemoteChanges, LOGS_STREAM, pullRemoteChanges } from "./pull-apply";
import { schedulePulls } from "./pull-schedule";
import { startWorker, workOnce } from "./worker";
import { connectMemory, drain, FAST, linkOf, testProviders, testRegistry } from "@/e2e/support/sync-engine";
import { TWO_WAY_PROJECTS, twoWaySystem } from "@/e2e/fakes/providers/two-way-provider";

let t: TestDb;
beforeAll(async () => {
  // connectMemory's OAuth client (lib/integrations/oauth-app.ts), for the scheduler's one-way neighbour.
  process.env.MEMORY_CLIENT_ID = "stint-test";
  process.env.MEMORY_CLIENT_SECRET = "stint-test-secret";
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/** A user's connection to a fresh two-way system, with its two projects imported. */
async function connectTwoWay(user: TestUser) {
  const system = twoWaySystem();
  testProviders.use(system.provider);
  const connection = await saveConnection(t.db, user, system.provider, { label: "Two-way account", settings: { account: "acme" }, credentials: system.credentials });
  await importProjects(t.db, connection, undefined, testProviders);
  const imported = await t.db.select().from(projects).where(eq(projects.connectionId, connection.id));
  const byRemote = (remoteId: string) => imported.find((p) => p.remoteId === remoteId)!;
  return { system, connection, main: byRemote(TWO_WAY_PROJECTS.main), other: byRemote(TWO_WAY_PROJECTS.other) };
}

type Setup = Awaited<ReturnType<typeof connectTwoWay>>;
const pull = (s: Setup) => pullRemoteChanges(t.db, s.connection, s.system.provider);

async function entryRow(id: number) {
  const [row] = await t.db.select().from(timeEntries).where(eq(timeEntries.id, id));
  return row;
}

/** An entry of Stint on the connection's main project, pushed; returns it with its remote log id. */
async function pushedEntry(s: Setup, user: TestUser, notes: string, day = "2026-03-02") {
  const e = await createEntry(t.db, user, { project_id: s.main.id, notes, start_time: `${day}T09:00:00Z`, end_time: `${day}T10:00:00Z` });
  await drain(t.db, s.connection.id);
  const link = await linkOf(t.db, e.entry.id);
  expect(link).toMatchObject({ state: "synced" });
  return { id: e.entry.id, remoteId: link.remoteId! };
}

const messages = async (connectionId: number) => (await listEvents(t.db, connectionId)).map((e) => `${e.level}: ${e.message}`);

describe("a two-way connection's pull applies remote changes to Stint's entries", () => {
  it("a log changed remotely changes its entry (times, description, project), and is not pushed back", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Draft");
    expect(await pull(s)).toBe("Pulled 1 remote change."); // Stint's own create, already as Stint has it

    s.system.remote.edit(e.remoteId, {
      description: "Final text",
      startAt: new Date("2026-03-02T08:30:00Z"),
      endAt: new Date("2026-03-02T10:15:00Z"),
      project: TWO_WAY_PROJECTS.other,
    });
    expect(await pull(s)).toBe("Pulled 1 remote change: 1 updated.");
    expect(await entryRow(e.id)).toMatchObject({
      description: "Final text",
      startAt: new Date("2026-03-02T08:30:00Z"),
      endAt: new Date("2026-03-02T10:15:00Z"),
      projectId: s.other.id,
      source: "manual",
    });
    const link = await linkOf(t.db, e.id);
    expect(link).toMatchObject({ state: "synced", remoteId: e.remoteId, remoteMeta: { project: TWO_WAY_PROJECTS.other } });
    expect(link.version).toBeGreaterThan(1); // the outbox trigger saw the edit...
    expect(link.syncedVersion).toBe(link.version); // ...and the pull marked it as already remote

    await drain(t.db, s.connection.id);
    expect(s.system.pushed).toEqual([{ op: "create", id: e.remoteId, description: "Draft" }]);
    expect(await messages(s.connection.id)).toContain(`info: Log ${e.remoteId} was changed in Two-Way Books: the entry was updated (start_time, end_time, notes, project_id).`);
    expect(await pull(s)).toBe("Pulled 0 remote changes.");
  });

  it("a log deleted remotely moves its entry to the trash (restorable), and nothing is deleted remotely", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Gone there");
    s.system.remote.remove(e.remoteId);
    expect(await pull(s)).toBe("Pulled 1 remote change: 1 moved to the trash."); // Stint's create, then the delete: one change
    expect(await entryRow(e.id)).toBeUndefined();
    const [trashed] = await t.db.select().from(deletedTimeEntries).where(eq(deletedTimeEntries.id, e.id));
    expect(trashed).toMatchObject({ userId: user.id, entry: expect.objectContaining({ description: "Gone there", projectId: s.main.id }) });
    expect(await linkOf(t.db, e.id)).toBeUndefined();
    await drain(t.db, s.connection.id);
    expect(s.system.calls.delete).toBe(0);

    // Undo brings it back, and it is sent again as a new log.
    await restoreEntry(t.db, user, e.id);
    await drain(t.db, s.connection.id);
    expect(s.system.calls.create).toBe(2);
    expect([...s.system.logs.values()]).toMatchObject([{ description: "Gone there", project: TWO_WAY_PROJECTS.main }]);
  });

  it("a new remote log becomes a linked entry of the connection's member, on the project it maps to; a deleted unknown log does nothing", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const id = s.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date("2026-04-01T13:00:00Z"), endAt: new Date("2026-04-01T14:30:00Z"), description: "Written there" });
    const gone = s.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date("2026-04-02T13:00:00Z"), endAt: new Date("2026-04-02T14:00:00Z"), description: "Never seen" });
    s.system.remote.remove(gone);
    expect(await pull(s)).toBe("Pulled 2 remote changes: 1 added.");

    const [link] = await t.db.select().from(entrySyncLinks).where(and(eq(entrySyncLinks.connectionId, s.connection.id), eq(entrySyncLinks.remoteId, id)));
    expect(link).toMatchObject({ state: "synced", userId: user.id, remoteMeta: { project: TWO_WAY_PROJECTS.main } });
    expect(link.syncedVersion).toBe(link.version);
    expect(await entryRow(link.entryId)).toMatchObject({
      userId: user.id,
      workspaceId: user.workspaceId,
      projectId: s.main.id,
      description: "Written there",
      startAt: new Date("2026-04-01T13:00:00Z"),
      endAt: new Date("2026-04-01T14:30:00Z"),
      source: "import",
    });
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(timeEntries).where(eq(timeEntries.userId, user.id));
    expect(Number(n)).toBe(1);
    await drain(t.db, s.connection.id);
    expect(s.system.pushed).toEqual([]);
  });

  it("a new remote log on a project this connection did not import, without a project, or over the running timer is skipped and logged", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const now = Date.now();
    await startTimer(t.db, user, { notes: "Running" }, { stopRunning: false, now: new Date(now - 3_600_000) });
    const foreign = s.system.remote.add({ project: TWO_WAY_PROJECTS.notImported, startAt: new Date("2026-04-01T13:00:00Z"), endAt: new Date("2026-04-01T14:00:00Z"), description: "Elsewhere" });
    const loose = s.system.remote.add({ project: null, startAt: new Date("2026-04-01T15:00:00Z"), endAt: new Date("2026-04-01T16:00:00Z"), description: "No project" });
    const overlapping = s.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date(now - 30 * 60_000), endAt: new Date(now - 10 * 60_000), description: "Meanwhile" });
    expect(await pull(s)).toBe("Pulled 3 remote changes: 3 skipped.");
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(timeEntries).where(eq(timeEntries.userId, user.id));
    expect(Number(n)).toBe(1); // the running timer only
    const log = await messages(s.connection.id);
    expect(log).toContain(`warn: Skipped a change of Two-Way Books log ${foreign}: its project ${TWO_WAY_PROJECTS.notImported} is not one imported from Two-Way Books (import projects first).`);
    expect(log).toContain(`warn: Skipped a change of Two-Way Books log ${loose}: the log has no project, and only projects imported from Two-Way Books take its logs.`);
    expect(log.find((m) => m.includes(`log ${overlapping}:`))).toMatch(/^warn: Skipped a change of Two-Way Books log \S+: This overlaps your running timer, which started at/);
  });

  it("conflict, Stint's edit later: it wins over the remote change, is pushed, and the sync log says which side won and why", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Original");
    await pull(s);
    s.system.remote.edit(e.remoteId, { description: "Theirs", endAt: new Date("2026-03-02T11:00:00Z") });
    await updateEntry(t.db, user, e.id, { notes: "Mine" });
    expect(await linkOf(t.db, e.id)).toMatchObject({ state: "pending" });

    expect(await pull(s)).toBe("Pulled 1 remote change: 1 kept as edited in Stint.");
    expect(await entryRow(e.id)).toMatchObject({ description: "Mine", endAt: new Date("2026-03-02T10:00:00Z") });
    const stintAt = (await entryRow(e.id)).updatedAt.toISOString();
    expect(await messages(s.connection.id)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^info: Conflict on log ${e.remoteId}, Stint won: edited in Stint at ${stintAt}, not before the change in Two-Way Books \\(changed there at \\S+Z\\); Stint's version is sent on the next push\\.$`),
      ),
    );
    await drain(t.db, s.connection.id);
    expect(s.system.pushed.at(-1)).toEqual({ op: "update", id: e.remoteId, description: "Mine" });
    expect(s.system.logs.get(e.remoteId)).toMatchObject({ description: "Mine", endAt: new Date("2026-03-02T10:00:00Z") });
    // The push shows up in the next pull as a change: it finds Stint's version there and changes nothing.
    expect(await pull(s)).toBe("Pulled 1 remote change.");
    expect(await entryRow(e.id)).toMatchObject({ description: "Mine" });
  });

  it("conflict with an earlier remote deletion: Stint's later edit wins and the entry is sent again as a new log", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Keep me");
    await pull(s);
    s.system.remote.remove(e.remoteId);
    await updateEntry(t.db, user, e.id, { notes: "Keep me, edited" });
    expect(await pull(s)).toBe("Pulled 1 remote change: 1 kept as edited in Stint.");
    expect(await entryRow(e.id)).toMatchObject({ description: "Keep me, edited" });
    await drain(t.db, s.connection.id);
    expect([...s.system.logs.values()]).toMatchObject([{ description: "Keep me, edited" }]);
    expect((await linkOf(t.db, e.id)).remoteId).toBe([...s.system.logs.keys()][0]);
  });

  it("conflict with a deletion in Stint: the deletion wins and removes the remote log", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Delete me here");
    await pull(s);
    s.system.remote.edit(e.remoteId, { description: "Edited there" });
    await deleteEntry(t.db, user, e.id);
    expect(await pull(s)).toBe("Pulled 1 remote change: 1 kept as edited in Stint.");
    expect(await entryRow(e.id)).toBeUndefined();
    expect(await messages(s.connection.id)).toContain(`info: Conflict on log ${e.remoteId}, Stint won: deleted in Stint, so it is removed from Two-Way Books on the next push.`);
    await drain(t.db, s.connection.id);
    expect(s.system.logs.size).toBe(0);
  });

  it("conflict, the remote change later: it wins over Stint's unpushed edit, nothing is pushed back, and the sync log says why", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Original");
    await pull(s);
    await updateEntry(t.db, user, e.id, { notes: "Mine, earlier" });
    const stintAt = (await entryRow(e.id)).updatedAt;
    // The remote edit comes strictly after Stint's (the clocks' resolution is a millisecond).
    await expect.poll(() => Date.now()).toBeGreaterThan(stintAt.getTime());
    s.system.remote.edit(e.remoteId, { description: "Theirs, later", endAt: new Date("2026-03-02T11:00:00Z") });
    expect(await linkOf(t.db, e.id)).toMatchObject({ state: "pending" });

    expect(await pull(s)).toBe("Pulled 1 remote change: 1 updated.");
    expect(await entryRow(e.id)).toMatchObject({ description: "Theirs, later", endAt: new Date("2026-03-02T11:00:00Z") });
    expect(await messages(s.connection.id)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^info: Conflict on log ${e.remoteId}, Two-Way Books won: changed there \\(changed there at \\S+Z\\), later than the edit in Stint at ${stintAt.toISOString()}; the entry now says what it says there\\.$`,
        ),
      ),
    );
    // Stint's edit lost: the link is in sync with the remote log, and nothing is sent back.
    expect(await linkOf(t.db, e.id)).toMatchObject({ state: "synced" });
    const pushes = s.system.pushed.length;
    await drain(t.db, s.connection.id);
    expect(s.system.pushed).toHaveLength(pushes);
    expect(s.system.logs.get(e.remoteId)).toMatchObject({ description: "Theirs, later" });
  });

  it("conflict, the remote deletion later: the entry goes to the trash, and the sync log says why", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Gone there");
    await pull(s);
    await updateEntry(t.db, user, e.id, { notes: "Edited here first" });
    const stintAt = (await entryRow(e.id)).updatedAt;
    await expect.poll(() => Date.now()).toBeGreaterThan(stintAt.getTime());
    s.system.remote.remove(e.remoteId);
    expect(await pull(s)).toBe("Pulled 1 remote change: 1 moved to the trash.");
    expect(await entryRow(e.id)).toBeUndefined();
    expect(await linkOf(t.db, e.id)).toBeUndefined();
    expect((await messages(s.connection.id)).find((m) => m.includes(`Conflict on log ${e.remoteId}`))).toMatch(/Two-Way Books won: deleted there \(changed there at \S+Z\), later than the edit in Stint at \S+; the entry was moved to the trash\.$/);
    await drain(t.db, s.connection.id);
    expect(s.system.logs.size).toBe(0);
  });

  it("a log Stint created whose answer was not recorded yet (a killed push) is left to that push, not imported as a second entry", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await createEntry(t.db, user, { project_id: s.main.id, notes: "Killed push", start_time: "2026-03-06T09:00:00Z", end_time: "2026-03-06T10:00:00Z" });
    const [link] = await claimDueLinks(t.db, "doomed", 1, s.connection.id);
    // The doomed worker freezes for good right after the remote create: like a kill, it writes nothing more.
    void pushLink(t.db, link, { workerId: "doomed", backoff: FAST.backoff!, providers: testProviders, afterRemoteCreate: () => new Promise<never>(() => {}) });
    await expect.poll(() => s.system.logs.size).toBe(1);
    const remoteId = [...s.system.logs.keys()][0];

    expect(await pull(s)).toBe("Pulled 1 remote change.");
    expect(await messages(s.connection.id)).toContain(`info: Log ${remoteId} looks like this entry's own push, not recorded yet: left to that push to adopt.`);
    // Its lease runs out; a new worker takes over and adopts the log.
    await t.db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, e.entry.id));
    await drain(t.db, s.connection.id);
    expect(await linkOf(t.db, e.entry.id)).toMatchObject({ state: "synced", remoteId, attempt: null });
    expect(s.system.calls.create).toBe(1);
    // The adopting push updated the log: the next pull finds it as Stint has it.
    expect(await pull(s)).toBe("Pulled 1 remote change.");
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(timeEntries).where(eq(timeEntries.userId, user.id));
    expect(Number(n)).toBe(1);
  });

  it("an invalid remote change is skipped and logged; the other changes of the pull are applied", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const backwards = await pushedEntry(s, user, "Backwards", "2026-03-02");
    const wordy = await pushedEntry(s, user, "Wordy", "2026-03-03");
    const long = await pushedEntry(s, user, "Long", "2026-03-04");
    const fine = await pushedEntry(s, user, "Fine", "2026-03-05");
    await pull(s);
    s.system.remote.edit(backwards.remoteId, { endAt: new Date("2026-03-02T08:00:00Z") });
    s.system.remote.edit(wordy.remoteId, { description: "w".repeat(501) });
    s.system.remote.edit(long.remoteId, { endAt: new Date("2026-03-06T10:00:00Z") }); // two days: beyond the 24 h maximum
    s.system.remote.edit(fine.remoteId, { description: "Fine, renamed there" });

    const job = await enqueueJob(t.db, s.connection, "pull", testProviders);
    await workOnce(t.db, FAST);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(done).toMatchObject({ status: "succeeded", message: "Pulled 4 remote changes: 1 updated, 3 skipped." });

    expect(await entryRow(backwards.id)).toMatchObject({ description: "Backwards", endAt: new Date("2026-03-02T10:00:00Z") });
    expect(await entryRow(wordy.id)).toMatchObject({ description: "Wordy" });
    expect(await entryRow(long.id)).toMatchObject({ endAt: new Date("2026-03-04T10:00:00Z") });
    expect(await entryRow(fine.id)).toMatchObject({ description: "Fine, renamed there" });
    for (const skipped of [backwards, wordy, long]) expect(await linkOf(t.db, skipped.id)).toMatchObject({ state: "synced", remoteId: skipped.remoteId });
    const events = await listEvents(t.db, s.connection.id);
    const warning = (entryId: number) => events.find((ev) => ev.entryId === entryId && ev.level === "warn")?.message;
    expect(warning(backwards.id)).toBe(`Skipped a change of Two-Way Books log ${backwards.remoteId}: The end must be after the start.`);
    expect(warning(wordy.id)).toBe(`Skipped a change of Two-Way Books log ${wordy.remoteId}: Use at most 500 characters.`);
    expect(warning(long.id)).toMatch(/^Skipped a change of Two-Way Books log \S+: A session can be at most 24 h long/);
  });

  it("a change the provider sends malformed (no id, a time that is not one) is skipped and logged too", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const e = await pushedEntry(s, user, "Solid");
    const tally = await applyRemoteChanges(
      t.db,
      s.connection,
      s.system.provider,
      [
        { ref: { id: "", meta: {} }, deleted: false },
        { ref: { id: e.remoteId, meta: {} }, deleted: false, startAt: new Date("not a date") },
      ],
      { fetchedAt: new Date() },
    );
    expect(tally).toMatchObject({ skipped: 2, updated: 0 });
    expect(await messages(s.connection.id)).toEqual(
      expect.arrayContaining([
        "warn: Skipped a change of Two-Way Books log : the provider sent a change without a log id.",
        `warn: Skipped a change of Two-Way Books log ${e.remoteId}: its start is not a valid time.`,
      ]),
    );
    expect(await entryRow(e.id)).toMatchObject({ startAt: new Date("2026-03-02T09:00:00Z") });
  });

  it("Sync now imports, pulls, then pushes: the remote edit lands, Stint's edits are sent", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const theirs = await pushedEntry(s, user, "Theirs to edit", "2026-03-02");
    await pull(s);
    s.system.remote.edit(theirs.remoteId, { description: "Edited there" });
    const mine = await createEntry(t.db, user, { project_id: s.main.id, notes: "Mine to send", start_time: "2026-03-03T09:00:00Z", end_time: "2026-03-03T10:00:00Z" });

    const job = await enqueueJob(t.db, s.connection, "sync", testProviders);
    await workOnce(t.db, FAST);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(done).toMatchObject({ status: "succeeded", message: "Imported 2 projects and 0 tasks. Pulled 1 remote change: 1 updated. Pushed 1 entries." });
    expect(await entryRow(theirs.id)).toMatchObject({ description: "Edited there" });
    expect(await linkOf(t.db, mine.entry.id)).toMatchObject({ state: "synced" });
    expect(s.system.pushed.map((p) => [p.op, p.description])).toEqual([
      ["create", "Theirs to edit"],
      ["create", "Mine to send"],
    ]);
  });

  it("a crash between applying and saving the cursor: the same changes pulled again change nothing and duplicate nothing", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const edited = await pushedEntry(s, user, "Edit me", "2026-03-02");
    const removed = await pushedEntry(s, user, "Remove me", "2026-03-03");
    await pull(s);
    s.system.remote.edit(edited.remoteId, { description: "Edited there" });
    s.system.remote.remove(removed.remoteId);
    const added = s.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date("2026-03-04T09:00:00Z"), endAt: new Date("2026-03-04T09:45:00Z"), description: "Added there" });

    // The pull that died: it fetched and applied, and never stored its cursor.
    const { changes } = await s.system.provider.pull!.changesSince(undefined as never, await readCursor(t.db, s.connection.id, LOGS_STREAM));
    expect(changes.map((c) => c.ref.id)).toEqual([edited.remoteId, removed.remoteId, added]);
    expect(await applyRemoteChanges(t.db, s.connection, s.system.provider, changes, { fetchedAt: new Date() })).toMatchObject({ updated: 1, trashed: 1, created: 1, skipped: 0 });
    const snapshot = async () => ({
      entries: await t.db.select().from(timeEntries).where(eq(timeEntries.userId, user.id)).orderBy(timeEntries.id),
      links: await t.db.select().from(entrySyncLinks).where(eq(entrySyncLinks.connectionId, s.connection.id)).orderBy(entrySyncLinks.entryId),
      trash: await t.db.select({ id: deletedTimeEntries.id }).from(deletedTimeEntries).where(eq(deletedTimeEntries.userId, user.id)),
    });
    const after = await snapshot();
    expect(after.entries.map((e) => e.description)).toEqual(["Edited there", "Added there"]);
    expect(after.trash).toEqual([{ id: removed.id }]);

    // The next pull starts from the old cursor and gets the same changes again.
    const job = await enqueueJob(t.db, s.connection, "pull", testProviders);
    await workOnce(t.db, FAST);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(done).toMatchObject({ status: "succeeded", message: "Pulled 3 remote changes." });
    expect(await snapshot()).toEqual(after);
    await drain(t.db, s.connection.id);
    expect(s.system.pushed.filter((p) => p.op !== "create")).toEqual([]);
    expect(s.system.calls.create).toBe(2);
  });
});

describe("scheduling pulls", () => {
  it("queues one pull per active two-way connection, never a second while one waits or within pullEveryMs", async () => {
    const [a, b, c] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    const sa = await connectTwoWay(a);
    const sb = await connectTwoWay(b);
    const oneWay = await connectMemory(t.db, c);
    const registry = testRegistry([sa.system.provider, sb.system.provider, oneWay.system.provider]);
    const mine = [sa.connection.id, sb.connection.id, oneWay.connection.id];
    const pullsOf = async () =>
      (await t.db.select().from(integrationJobs).where(and(inArray(integrationJobs.connectionId, mine), eq(integrationJobs.kind, "pull"))).orderBy(integrationJobs.id)).map(
        (j) => [j.connectionId, j.status],
      );

    expect(await schedulePulls(t.db, 60_000, registry)).toBe(2);
    expect(await pullsOf()).toEqual([
      [sa.connection.id, "queued"],
      [sb.connection.id, "queued"],
    ]);
    // Queued already: not again, even with two schedulers at once.
    expect(await Promise.all([schedulePulls(t.db, 0, registry), schedulePulls(t.db, 0, registry)])).toEqual([0, 0]);

    await workOnce(t.db, { ...FAST, providers: registry });
    expect(await pullsOf()).toEqual([
      [sa.connection.id, "succeeded"],
      [sb.connection.id, "succeeded"],
    ]);
    // Pulled a moment ago: not within the next minute; with no wait, once each, however many schedule at once.
    expect(await schedulePulls(t.db, 60_000, registry)).toBe(0);
    const counts = await Promise.all([schedulePulls(t.db, 0, registry), schedulePulls(t.db, 0, registry), schedulePulls(t.db, 0, registry)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(2);
    expect((await pullsOf()).length).toBe(4);
  });

  it("skips a stopped connection, and one whose member left the workspace", async () => {
    const stopped = await connectTwoWay(await makeUser(t.db));
    const leaver = await makeUser(t.db);
    const left = await connectTwoWay(leaver);
    const registry = testRegistry([stopped.system.provider, left.system.provider]);
    await t.db.update(integrationConnections).set({ status: "error", lastError: "Revoked." }).where(eq(integrationConnections.id, stopped.connection.id));
    await t.db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, leaver.workspaceId), eq(workspaceMembers.userId, leaver.id)));
    expect(await schedulePulls(t.db, 0, registry)).toBe(0);
    // Had one been queued before: the pull fails with the reason, and its cursor stays.
    left.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date("2026-05-04T09:00:00Z"), endAt: new Date("2026-05-04T10:00:00Z"), description: "Orphan" });
    await expect(pull(left)).rejects.toThrow("The member who connected this integration has left the workspace.");
    expect(await readCursor(t.db, left.connection.id, LOGS_STREAM)).toBeNull();
  });

  it("the worker queues and runs the pull on its own", async () => {
    const user = await makeUser(t.db);
    const s = await connectTwoWay(user);
    const added = s.system.remote.add({ project: TWO_WAY_PROJECTS.main, startAt: new Date("2026-05-04T09:00:00Z"), endAt: new Date("2026-05-04T10:00:00Z"), description: "From the worker" });
    const worker = startWorker(t.db, { ...FAST, pullEveryMs: 60_000 });
    try {
      await expect
        .poll(async () => (await t.db.select({ status: integrationJobs.status }).from(integrationJobs).where(and(eq(integrationJobs.connectionId, s.connection.id), eq(integrationJobs.kind, "pull")))).map((j) => j.status))
        .toEqual(["succeeded"]);
    } finally {
      await worker.stop();
    }
    const [link] = await t.db.select().from(entrySyncLinks).where(and(eq(entrySyncLinks.connectionId, s.connection.id), eq(entrySyncLinks.remoteId, added)));
    expect(await entryRow(link.entryId)).toMatchObject({ description: "From the worker", source: "import" });
  });
});

