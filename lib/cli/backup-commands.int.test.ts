import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { tags, users } from "@/db/schema";
import { createTestDb, testDatabaseKind } from "@/db/testing";
import { membershipOf } from "@/lib/workspaces/actor";
import { registerUser } from "@/lib/users/service";
import { runCommand } from "./commands";
import { runCli } from "./run";

const folders: string[] = [];
const handles: DbHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close().catch(() => {})));
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-backup-"));
  folders.push(dir);
  return dir;
};

async function openFolder(dataDir: string): Promise<DbHandle> {
  const target = { pgliteDir: path.join(dataDir, "pgdata") };
  const handle = openDatabase(target);
  handles.push(handle);
  await migrateDatabase(handle, target);
  return handle;
}

describe.skipIf(testDatabaseKind() !== "pglite")("stint backup and restore (embedded database)", () => {
  it("a backup taken while writes run restores into a fresh folder with exactly the rows committed before it", async () => {
    // The running server's database (the CLI socket runs commands in it with via: "server").
    const source = tempDir();
    const server = await openFolder(source);
    const owner = await registerUser(server.db, { email: "backup@example.com", password: "backup passphrase", name: "Backup" });
    const { workspaceId } = await membershipOf(server.db, owner.id);

    let acknowledged = 0;
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i++) {
        await server.db.insert(tags).values({ workspaceId, name: `tag ${String(i).padStart(5, "0")}` });
        acknowledged = i + 1;
        // PGlite answers within microtasks: let timers (and the backup) in between, as requests would.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await expect.poll(() => acknowledged, { timeout: 30_000 }).toBeGreaterThan(20);
    const before = acknowledged;
    const file = path.join(tempDir(), "stint.backup");
    const backup = await runCommand(server.db, ["backup", "--out", file, "--json"], { via: "server" });
    const after = acknowledged;
    expect(backup).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, bytes: fs.statSync(file).size });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await expect.poll(() => acknowledged).toBeGreaterThan(after); // Writes went on during and after the backup.
    writing = false;
    await writes;

    const target = tempDir();
    const restored = await runCli({ dataDir: target }, ["restore", "--in", file]);
    expect(restored).toMatchObject({ exitCode: 0, stderr: "" });
    expect(restored.stdout).toContain(`Restored ${file} into ${target}`);
    // The lock was released; no secret came along.
    expect(fs.readdirSync(target).sort()).toEqual(["pgdata"]);
    const copy = await openFolder(target);
    const names = (await copy.db.select({ name: tags.name }).from(tags).where(eq(tags.workspaceId, workspaceId)).orderBy(asc(tags.name))).map((t) => t.name);
    // A snapshot: every write acknowledged before the backup began, none after it ended, no gaps.
    expect(names.length).toBeGreaterThanOrEqual(before);
    expect(names.length).toBeLessThanOrEqual(after);
    expect(names).toEqual(Array.from({ length: names.length }, (_, i) => `tag ${String(i).padStart(5, "0")}`));
    expect((await copy.db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual(["backup@example.com"]);

    // At rest, a second backup restores to the very same rows; through the CLI, directly on a stopped folder too.
    await copy.close();
    const again = path.join(tempDir(), "again.backup");
    const direct = await runCli({ dataDir: target }, ["backup", "--out", again]);
    expect(direct).toMatchObject({ exitCode: 0, stderr: "" });
    const third = tempDir();
    expect((await runCli({ dataDir: third }, ["restore", "--in", again])).exitCode).toBe(0);
    const thirdCopy = await openFolder(third);
    const thirdNames = (await thirdCopy.db.select({ name: tags.name }).from(tags).orderBy(asc(tags.name))).map((t) => t.name);
    expect(thirdNames).toEqual(names);
  }, 120_000);

  it("restore refuses a folder that has a database, a running server, and a file that is no backup; backup never overwrites", async () => {
    const folder = tempDir();
    const db = await openFolder(folder);
    const file = path.join(tempDir(), "stint.backup");
    expect((await runCommand(db.db, ["backup", "--out", file], { via: "server" })).exitCode).toBe(0);
    const overwrite = await runCommand(db.db, ["backup", "--out", file], { via: "server" });
    expect(overwrite).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("exists already") });

    const inServer = await runCommand(db.db, ["restore", "--in", file], { via: "server" });
    expect(inServer).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("A Stint server is running on this data folder: stop it first.") });
    await db.close();

    const full = await runCli({ dataDir: folder }, ["restore", "--in", file]);
    expect(full).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("already has a database") });

    const junk = path.join(tempDir(), "junk.backup");
    fs.writeFileSync(junk, "not a backup");
    const empty = tempDir();
    const bad = await runCli({ dataDir: empty }, ["restore", "--in", junk]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("is not a Stint backup");
    expect(fs.existsSync(path.join(empty, "pgdata"))).toBe(false);
  }, 120_000);
});

describe.skipIf(testDatabaseKind() !== "postgres")("stint backup on PostgreSQL", () => {
  it("points to pg_dump", async () => {
    const t = await createTestDb();
    try {
      const out = await runCommand(t.db, ["backup", "--out", path.join(tempDir(), "x")]);
      expect(out).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("pg_dump --format=custom") });
      const restore = await runCli({ dataDir: tempDir(), databaseUrl: t.url }, ["restore", "--in", "x"]);
      expect(restore).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("pg_restore") });
    } finally {
      await t.cleanup();
    }
  });
});
