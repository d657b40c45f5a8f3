import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

export type LockInfo = {
  pid: number;
  startedAt: string;
  socket?: string;
  /** Which process this is, beyond its pid: the boot and the process's start time (Linux), see processIdentity(). */
  process?: string;
};

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder ${dir} is in use by another Stint process (pid ${holder.pid}, started ${holder.startedAt}). ` +
        `Stop that process first, or set STINT_DATA_DIR to another folder.`,
    );
    this.name = "DataDirLockedError";
  }
}

const lockFile = (dir: string) => path.join(dir, "stint.lock");

/** A lock file that cannot be read as a lock is only taken over once it is this old (its writer died before writing). */
const UNREADABLE_LOCK_GRACE_MS = 30_000;

/**
 * "<boot id>:<start time in clock ticks>" of a process, or null where /proc is missing (macOS). A pid is
 * reused after a reboot or enough processes; the pair is not, so a lock left by a dead process never
 * blocks start-up because an unrelated program now has its pid.
 */
export function processIdentity(pid: number): string | null {
  try {
    const boot = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); the command name (field 2) may hold spaces and parentheses, so count from its end.
    const startTicks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return startTicks ? `${boot}:${startTicks}` : null;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo): boolean {
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = processIdentity(info.pid);
  if (info.process && now) return info.process === now;
  if (info.process) return true; // No /proc here (macOS): the pid is all there is to go by.
  // A lock written before locks recorded the process: only a node (or next-server) process counts.
  try {
    return /node|next/.test(fs.readFileSync(`/proc/${info.pid}/cmdline`, "utf8"));
  } catch {
    return true;
  }
}

type LockState = { kind: "free" } | { kind: "held"; info: LockInfo } | { kind: "stale" };

/**
 * What the lock file says. A file that cannot be parsed belongs to a process that is writing it (lock
 * files are written whole, but an older Stint wrote them in two steps) unless it is old: it is not
 * treated as free, or the CLI could open the folder under a live server.
 */
function lockState(dir: string): LockState {
  const file = lockFile(dir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "free" };
    throw error;
  }
  let info: LockInfo | null = null;
  try {
    const parsed = JSON.parse(text) as LockInfo;
    if (typeof parsed.pid === "number") info = parsed;
  } catch {
    // Handled below.
  }
  if (!info) {
    let age = 0;
    try {
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      return { kind: "free" };
    }
    if (age > UNREADABLE_LOCK_GRACE_MS) return { kind: "stale" };
    return { kind: "held", info: { pid: 0, startedAt: "just now (the lock is being written)" } };
  }
  return isAlive(info) ? { kind: "held", info } : { kind: "stale" };
}

/** The live holder of the data folder's lock, or null if nobody holds it (a stale file counts as none). */
export function readLock(dir: string = dataDir()): LockInfo | null {
  const state = lockState(dir);
  return state.kind === "held" ? state.info : null;
}

/** Writes `info` to a temporary file first, so that no reader ever sees half a lock. */
function writeTemp(dir: string, info: LockInfo): string {
  const temp = path.join(dir, `stint.lock.${process.pid}.${crypto.randomBytes(4).toString("hex")}`);
  fs.writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
  return temp;
}

/**
 * PGlite has no cross-process lock and two writers corrupt the folder, so one process at a time holds
 * stint.lock. It is created whole and atomically (a hard link of a written file fails if the lock
 * exists). A lock whose process is gone is taken over: renamed aside first, so that of two processes
 * taking over the same stale lock only one removes it, and a fresh lock is never deleted by mistake.
 */
export function acquireLock(dir: string = dataDir()): () => void {
  const file = lockFile(dir);
  const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), process: processIdentity(process.pid) ?? undefined };
  for (let attempt = 0; attempt < 5; attempt++) {
    const temp = writeTemp(dir, mine);
    try {
      fs.linkSync(temp, file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const state = lockState(dir);
      if (state.kind === "held" && state.info.pid !== process.pid) throw new DataDirLockedError(dir, state.info);
      if (state.kind === "stale") removeStaleLock(dir);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  // The lock kept changing hands (several processes starting at once): say it is held, so that callers
  // that wait for a free folder (the CLI) try again instead of failing.
  throw new DataDirLockedError(dir, readLock(dir) ?? { pid: 0, startedAt: "just now (the lock changed hands while it was being taken)" });
}

function removeStaleLock(dir: string): void {
  const file = lockFile(dir);
  const aside = path.join(dir, `stint.lock.stale.${process.pid}.${crypto.randomBytes(4).toString("hex")}`);
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // Someone else moved it first.
  }
  // Between our look and the rename, another process may have taken over and written a live lock:
  // put that one back (link fails if yet another lock appeared, which then stands).
  let info: LockInfo | null = null;
  try {
    info = JSON.parse(fs.readFileSync(aside, "utf8")) as LockInfo;
  } catch {
    // Unreadable and old: stale.
  }
  if (info && isAlive(info)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Another lock is in place.
    }
  }
  fs.rmSync(aside, { force: true });
}

/** Record extra facts (e.g. the CLI socket) in the lock this process holds, replacing the file whole. */
export function updateLock(info: Partial<LockInfo>, dir: string = dataDir()): void {
  const file = lockFile(dir);
  const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  if (current.pid !== process.pid) throw new Error("This process does not hold the data folder lock");
  const temp = writeTemp(dir, { ...current, ...info });
  fs.renameSync(temp, file);
}

/**
 * acquireLock, but while another live process holds the lock (typically the previous server, still
 * finishing its requests after SIGTERM: a restart starts the new one at once) wait up to `waitMs` for
 * it, saying so once through `onWait`. Polled: the holder may die without a word, and no file event
 * says so.
 */
export async function acquireLockWaiting(
  dir: string,
  { waitMs, onWait, pollMs = 100 }: { waitMs: number; onWait?: (holder: LockInfo) => void; pollMs?: number },
): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return acquireLock(dir);
    } catch (error) {
      if (!(error instanceof DataDirLockedError) || Date.now() >= deadline) throw error;
      if (!told) onWait?.(error.holder);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}

/** Gives up this process's lock now (it would go at exit anyway): after the database has been closed. */
export function releaseLock(dir: string = dataDir()): void {
  const file = lockFile(dir);
  try {
    const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
    if (current.pid === process.pid) fs.unlinkSync(file);
  } catch {
    // Not ours, or already gone.
  }
}
