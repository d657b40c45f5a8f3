// Real processes: a worker (`stint sync run --once` from e2e/support/crash-after-remote-create.ts) exits
// with code 137 right after ALP created the time entry and before Stint recorded it. The next
// `stint sync run --once` must find that entry by its external_ref in the user's day, not create another.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbTarget } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createTestDb, testDatabaseKind, type TestDb } from "@/db/testing";
import { entrySyncLinks, projects } from "@/db/schema";
import { startFakeAlp, type FakeAlp } from "@/e2e/fakes/alp";
import { createEntry } from "@/lib/entries/service";
import { testBudget } from "@/lib/testing/budget";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { userActor } from "@/lib/workspaces/actor";

describe("a worker process killed between ALP's create and its own commit", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-alp-crash-"));
  let alp: FakeAlp;
  let t: TestDb | undefined;
  let target: DbTarget;
  beforeAll(async () => {
    alp = await startFakeAlp();
    if (testDatabaseKind() === "postgres") {
      t = await createTestDb();
      target = { url: t.url! };
    } else target = { pgliteDir: path.join(dataDir, "pgdata") };
  });
  afterAll(async () => {
    await alp.close();
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

  function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, STINT_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if ("url" in target) env.DATABASE_URL = target.url;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.once("exit", (code) => resolve({ code, stdout, stderr }));
    });
  }
  const cli = (args: string[]) => run("lib/cli/main.ts", args);
  const crashingWorker = () => run("e2e/support/crash-after-remote-create.ts", "url" in target ? ["url", target.url] : ["pglite", path.join(dataDir, "pgdata")]);

  it("leaves exactly one time entry in ALP", async () => {
    const me = alp.state.addUser({ email: "crash@example.com" });
    const matter = alp.state.addMatter({ name: "Crash-safe matter" });
    expect((await cli(["user", "create", "--email", "crash@example.com", "--password", "crash passphrase", "--name", "Crash"])).code).toBe(0);
    const connected = await cli(["integrations", "connect", "alp", "--user", "crash@example.com", "--api-key", alp.state.issueKey(me.id), "--set", `url=${alp.url}`, "--json"]);
    expect(connected).toMatchObject({ code: 0, stderr: "" });
    const entryId = await withDb(async (db) => {
      const user = await userActor(db, await getUserByEmailOrThrow(db, "crash@example.com"), SCOPES);
      const [project] = await db.select().from(projects).where(and(eq(projects.workspaceId, user.workspaceId), eq(projects.remoteId, matter.id)));
      return (await createEntry(db, user, { project_id: project.id, notes: "Survives a kill", start_time: "2026-11-24T09:00:00Z", end_time: "2026-11-24T10:00:00Z" })).entry.id;
    });

    expect((await crashingWorker()).code).toBe(137);
    expect(alp.entries().map((e) => e.description)).toEqual(["Survives a kill"]);
    await withDb(async (db) => {
      const [link] = await db.select().from(entrySyncLinks).where(eq(entrySyncLinks.entryId, entryId));
      expect(link).toMatchObject({ state: "pending", remoteId: null, attempt: { op: "create" } });
      // Two minutes later the dead worker's lease has run out.
      await db.update(entrySyncLinks).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(entrySyncLinks.entryId, entryId));
    });

    const restarted = await cli(["sync", "run", "--once"]);
    // The result on stdout; progress (not a terminal: plain lines) on stderr.
    expect(restarted).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Ran \d+ jobs?; entries: 1 sent, 0 held, 0 to retry, 0 failed; /) });
    expect(restarted.stderr).toMatch(/^(\[[^\n]*\n)+$/);
    expect(alp.entries().map((e) => e.description)).toEqual(["Survives a kill"]);
    expect(alp.count("POST time_entries")).toBe(1);
    await withDb(async (db) => {
      const [link] = await db.select().from(entrySyncLinks).where(eq(entrySyncLinks.entryId, entryId));
      expect(link).toMatchObject({ state: "synced", remoteId: alp.entries()[0].id, attempt: null });
    });
  }, testBudget(2));
});
