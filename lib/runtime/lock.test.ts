import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { runCli } from "@/lib/cli/run";
import { acquireLock, acquireLockWaiting, DataDirLockedError, processIdentity, readLock, releaseLock } from "./lock";

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill("SIGKILL")));

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "stint-lock-"));
}

/** Another process (a real one: the lock is about processes) that takes the lock and keeps it. */
async function holdLockInChild(dir: string, ...args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/testing/hold-lock.ts", dir, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
  return child;
}

it("refuses a second process with a message naming the holder, and frees the folder when the holder dies", async () => {
  const dir = tempDir();
  const child = await holdLockInChild(dir);
  expect(readLock(dir)?.pid).toBe(child.pid);
  let error: unknown;
  try {
    acquireLock(dir);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DataDirLockedError);
  expect((error as Error).message).toContain(`in use by another Stint process (pid ${child.pid}`);

  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  // The dead holder's file is still there; it is stale, and taken over.
  expect(fs.existsSync(path.join(dir, "stint.lock"))).toBe(true);
  expect(readLock(dir)).toBeNull();
  const release = acquireLock(dir);
  expect(readLock(dir)?.pid).toBe(process.pid);
  release();
  expect(fs.existsSync(path.join(dir, "stint.lock"))).toBe(false);
});

it("takes over a lock whose pid now belongs to an unrelated program (after a reboot)", () => {
  const dir = tempDir();
  const sleeper = spawn("sleep", ["30"]);
  children.push(sleeper);
  fs.writeFileSync(path.join(dir, "stint.lock"), JSON.stringify({ pid: sleeper.pid, startedAt: "2020-01-01T00:00:00Z" }));
  const release = acquireLock(dir);
  expect(readLock(dir)?.pid).toBe(process.pid);
  release();
});

it("takes over a lock whose pid now belongs to an unrelated node process: the process's start time differs", async () => {
  const dir = tempDir();
  const unrelated = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
  children.push(unrelated);
  await new Promise((r) => unrelated.once("spawn", r));
  const identity = processIdentity(unrelated.pid!);
  expect(identity).toMatch(/^[0-9a-f-]+:\d+$/);
  // The lock of a Stint that had this pid in an earlier life (started at another time).
  const earlier = identity!.replace(/:\d+$/, (t) => `:${Number(t.slice(1)) - 1000}`);
  fs.writeFileSync(path.join(dir, "stint.lock"), JSON.stringify({ pid: unrelated.pid, startedAt: "2020-01-01T00:00:00Z", process: earlier }));
  expect(readLock(dir)).toBeNull();
  const release = acquireLock(dir);
  expect(readLock(dir)).toMatchObject({ pid: process.pid, process: processIdentity(process.pid) });
  release();
  // The same process recorded as itself is a live holder.
  fs.writeFileSync(path.join(dir, "stint.lock"), JSON.stringify({ pid: unrelated.pid, startedAt: "2020-01-01T00:00:00Z", process: identity }));
  expect(() => acquireLock(dir)).toThrow(DataDirLockedError);
});

it("never takes over a lock file that is still being written, only one left unreadable for long", () => {
  const dir = tempDir();
  const file = path.join(dir, "stint.lock");
  fs.writeFileSync(file, ""); // Created, not yet written: its writer is alive and about to fill it.
  expect(() => acquireLock(dir)).toThrow(DataDirLockedError);
  expect(fs.readFileSync(file, "utf8")).toBe("");
  const aMinuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(file, aMinuteAgo, aMinuteAgo);
  const release = acquireLock(dir);
  expect(readLock(dir)?.pid).toBe(process.pid);
  release();
});

it("the CLI never opens the data folder of a live holder whose socket does not answer", async () => {
  const dir = tempDir();
  const holder = await holdLockInChild(dir, "--mute-socket");
  expect(readLock(dir)).toMatchObject({ pid: holder.pid, socket: path.join(dir, "cli.sock") });
  await expect(runCli({ dataDir: dir }, ["user", "create", "--email", "x@example.com", "--password", "x passphrase", "--name", "X"])).rejects.toThrow(
    `A Stint server (pid ${holder.pid}) holds the data folder but did not answer on its CLI socket`,
  );
  // Not even the database folder was created, and the holder keeps its lock.
  expect(fs.existsSync(path.join(dir, "pgdata"))).toBe(false);
  expect(readLock(dir)?.pid).toBe(holder.pid);
  // The socket gone altogether (the server is stopping): the same.
  fs.rmSync(path.join(dir, "cli.sock"));
  await expect(runCli({ dataDir: dir }, ["user", "create", "--email", "x@example.com", "--password", "x passphrase", "--name", "X"])).rejects.toThrow(/did not answer/);
  expect(fs.existsSync(path.join(dir, "pgdata"))).toBe(false);
});

it("waits for a live holder to let go (a restart's old server still stopping), saying so once", async () => {
  const dir = tempDir();
  const child = await holdLockInChild(dir);
  const told: number[] = [];
  const waiting = acquireLockWaiting(dir, {
    waitMs: 30_000,
    onWait: (holder) => {
      told.push(holder.pid);
      child.kill("SIGKILL"); // The holder goes while we wait.
    },
  });
  const release = await waiting;
  expect(told).toEqual([child.pid]);
  expect(readLock(dir)?.pid).toBe(process.pid);
  release();
});

it("gives up after its wait with the holder's name, and releaseLock frees only its own lock", async () => {
  const dir = tempDir();
  const child = await holdLockInChild(dir);
  const started = Date.now();
  const error = await acquireLockWaiting(dir, { waitMs: 300 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataDirLockedError);
  expect((error as DataDirLockedError).holder.pid).toBe(child.pid);
  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  releaseLock(dir); // Not ours: stays.
  expect(readLock(dir)?.pid).toBe(child.pid);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  await acquireLockWaiting(dir, { waitMs: 0 });
  releaseLock(dir);
  expect(fs.existsSync(path.join(dir, "stint.lock"))).toBe(false);
});
