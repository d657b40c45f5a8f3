import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { acquireLock, DataDirLockedError, readLock } from "./lock";

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill("SIGKILL")));

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "stint-lock-"));
}

/** Another process (a real one: the lock is about processes) that takes the lock and keeps it. */
async function holdLockInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/runtime/testing/hold-lock.ts", dir], {
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
