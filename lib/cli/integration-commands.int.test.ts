import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbTarget } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createTestDb, testDatabaseKind, type TestDb } from "@/db/testing";
import { entrySyncLinks, projects, timeEntries } from "@/db/schema";
import { startFakeZoho, type FakeZoho } from "@/e2e/fakes/zoho";
import { createEntry, updateEntry } from "@/lib/entries/service";
import { SCOPES } from "@/lib/tokens/scopes";
import { userActor } from "@/lib/workspaces/actor";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { testBudget } from "@/lib/testing/budget";
import { runCommand } from "./commands";
import { progressLine } from "./command";

let zoho: FakeZoho;
const zohoEnv = () => ({
  ZOHO_CLIENT_ID: zoho.state.client.id,
  ZOHO_CLIENT_SECRET: zoho.state.client.secret,
  ZOHO_ACCOUNTS_URL: zoho.url,
  ZOHO_API_URL: zoho.url,
});

beforeAll(async () => {
  zoho = await startFakeZoho();
  Object.assign(process.env, zohoEnv());
});
afterAll(() => zoho.close());

describe("integration commands", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it("connect with a pasted refresh token imports projects; list shows no secret; sync run --once pushes", async () => {
    await runCommand(t.db, ["user", "create", "--email", "ops@example.com", "--password", "ops passphrase", "--name", "Ops"]);
    const remote = zoho.state.addProject({ name: "Headless project" });
    const refreshToken = zoho.issueRefreshToken();
    const connected = await runCommand(t.db, ["integrations", "connect", "zoho-projects", "--user", "ops@example.com", "--refresh-token", refreshToken, "--set", "dc=eu", "--json"]);
    expect(connected.stderr).toBe("");
    const printed = JSON.parse(connected.stdout);
    expect(printed).toMatchObject({ provider: "zoho-projects", label: "Fake Works (Zoho Projects, EU)", imported: { projects: 1 } });

    const list = await runCommand(t.db, ["integrations", "list", "--user", "ops@example.com", "--json"]);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: printed.id, status: "active", settings: { dc: "eu", portalName: "Fake Works" } }]);
    expect(list.stdout).not.toContain(refreshToken);
    expect(list.stdout).not.toContain("credentials");

    const user = await userActor(t.db, await getUserByEmailOrThrow(t.db, "ops@example.com"), SCOPES);
    const [project] = await t.db.select().from(projects).where(and(eq(projects.workspaceId, user.workspaceId), eq(projects.remoteId, remote.id)));
    await createEntry(t.db, user, { project_id: project.id, notes: "From the CLI", start_time: "2025-05-05T09:00:00Z", end_time: "2025-05-05T09:45:00Z" });
    const lines: string[] = [];
    const run = await runCommand(t.db, ["sync", "run", "--once"], { via: "direct", progress: (u) => lines.push(progressLine(u)) });
    // Says what it did: no job was due (the projects were just imported), the one entry was sent.
    expect(run).toMatchObject({ exitCode: 0, stdout: "Ran 0 jobs; entries: 1 sent, 0 held, 0 to retry, 0 failed; 0 webhook delivery attempts.\n" });
    expect(lines).toEqual(["[push] Entries so far: 1 sent, 0 held, 0 to retry, 0 failed."]);
    expect(zoho.logs().map((l) => [l.notes, l.hours, l.minutes])).toEqual([["From the CLI", 0, 45]]);

    lines.length = 0;
    const again = await runCommand(t.db, ["integrations", "import-projects", "--user", "ops@example.com"], { via: "direct", progress: (u) => lines.push(progressLine(u)) });
    expect(again.stdout).toBe("Fake Works (Zoho Projects, EU): 1 projects, 0 tasks\n");
    expect(lines).toEqual([
      "[projects 0/2] Fake Works (Zoho Projects, EU): Found 1 projects.",
      "[projects 1/2] Fake Works (Zoho Projects, EU): Imported 1 projects.",
      "[tasks 2/2] Fake Works (Zoho Projects, EU): Tasks of Headless project: 0.",
    ]);

    // Sync now for one connection, followed to its end with the job's phases; the edit is sent.
    await updateEntry(t.db, user, (await t.db.select().from(timeEntries).where(eq(timeEntries.workspaceId, user.workspaceId)))[0].id, { notes: "From the CLI, edited" });
    lines.length = 0;
    const synced = await runCommand(t.db, ["sync", "run", "--connection", String(printed.id), "--user", "ops@example.com"], { via: "direct", progress: (u) => lines.push(progressLine(u)) });
    expect(synced).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Fake Works \(Zoho Projects, EU\): synced\. /) });
    // Phases are read from the job as it runs (quick ones may pass between two reads); the last is its end.
    expect(lines.at(-1)).toMatch(/^\[done \d+\/\d+\] /);
    expect(zoho.logs().map((l) => l.notes)).toEqual(["From the CLI, edited"]);
    const noUser = await runCommand(t.db, ["sync", "run", "--connection", String(printed.id)]);
    expect(noUser).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("Give --user") });
  });

  it("explains bad input and refuses a second worker inside a server", async () => {
    const missing = await runCommand(t.db, ["integrations", "connect", "--user", "ops@example.com", "--refresh-token", "1000.abcdefghijkl"]);
    expect(missing).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("Name the provider") });
    const refused = await runCommand(t.db, ["integrations", "connect", "zoho-projects", "--user", "ops@example.com", "--refresh-token", "1000.not-a-real-token"]);
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/invalid_code/) });
    const badId = await runCommand(t.db, ["integrations", "import-projects", "--user", "ops@example.com", "--connection", "x1"]);
    expect(badId.stderr).toContain("connection: Give the connection's number");
    const inServer = await runCommand(t.db, ["sync", "run"], { via: "server" });
    expect(inServer).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("runs the worker itself") });
  });
});

describe("a worker process killed between Zoho's create and its own commit", () => {
  // Real processes: `stint sync run --once` exits (code 137) right after Zoho created the log, before
  // Stint records it. A second run must find that log instead of creating another one.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-crash-"));
  let t: TestDb | undefined;
  let target: DbTarget;
  beforeAll(async () => {
    if (testDatabaseKind() === "postgres") {
      t = await createTestDb();
      target = { url: t.url! };
    } else target = { pgliteDir: path.join(dataDir, "pgdata") };
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The database, opened only while no CLI process has it (PGlite allows one process at a time). */
  async function withDb<T>(work: (db: TestDb["db"]) => Promise<T>): Promise<T> {
    const handle = openDatabase(target);
    try {
      await migrateDatabase(handle, target);
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  function cli(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...zohoEnv(), ...extra, STINT_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if ("url" in target) env.DATABASE_URL = target.url;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** `sync run --once` from the test's own entry script, which dies right after Zoho's create. */
  function crashingWorker(): Promise<{ code: number | null }> {
    const where = "url" in target ? ["url", target.url] : ["pglite", path.join(dataDir, "pgdata")];
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "e2e/support/crash-after-remote-create.ts", ...where], { env: { ...process.env, ...zohoEnv(), STINT_DATA_DIR: dataDir }, stdio: ["ignore", "ignore", "inherit"] });
      child.once("exit", (code) => resolve({ code }));
    });
  }

  it("leaves exactly one log in Zoho", async () => {
    const remote = zoho.state.addProject({ name: "Crash-safe project" });
    expect((await cli(["user", "create", "--email", "crash@example.com", "--password", "crash passphrase", "--name", "Crash"])).code).toBe(0);
    const connected = await cli(["integrations", "connect", "zoho-projects", "--user", "crash@example.com", "--refresh-token", zoho.issueRefreshToken(), "--json"]);
    expect(connected.code).toBe(0);
    const entryId = await withDb(async (db) => {
      const user = await userActor(db, await getUserByEmailOrThrow(db, "crash@example.com"), SCOPES);
      const [project] = await db.select().from(projects).where(and(eq(projects.workspaceId, user.workspaceId), eq(projects.remoteId, remote.id)));
      return (await createEntry(db, user, { project_id: project.id, notes: "Survives a kill", start_time: "2025-05-06T09:00:00Z", end_time: "2025-05-06T10:00:00Z" })).entry.id;
    });
    const logsBefore = zoho.logs().length;

    const killed = await crashingWorker();
    expect(killed.code).toBe(137);
    expect(zoho.logs().length).toBe(logsBefore + 1);
    await withDb(async (db) => {
      const [link] = await db.select().from(entrySyncLinks).where(eq(entrySyncLinks.entryId, entryId));
      expect(link).toMatchObject({ state: "pending", remoteId: null, attempt: { op: "create" } });
      // Two minutes later the dead worker's lease has run out.
      await db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, entryId));
    });

    const restarted = await cli(["sync", "run", "--once"]);
    // Not a terminal: progress as plain lines on stderr, the result alone on stdout.
    expect(restarted).toMatchObject({ code: 0, stdout: "Ran 0 jobs; entries: 1 sent, 0 held, 0 to retry, 0 failed; 0 webhook delivery attempts.\n" });
    expect(restarted.stderr).toBe("[push] Entries so far: 1 sent, 0 held, 0 to retry, 0 failed.\n");
    const ours = zoho.logs().filter((l) => l.notes === "Survives a kill");
    expect(ours).toHaveLength(1);
    await withDb(async (db) => {
      const [link] = await db.select().from(entrySyncLinks).where(eq(entrySyncLinks.entryId, entryId));
      expect(link).toMatchObject({ state: "synced", remoteId: ours[0].id, attempt: null });
    });
  }, testBudget(2));
});
