import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

export type LockInfo = { pid: number; startedAt: string; socket?: string };

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

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // After a reboot the recorded pid may belong to an unrelated program: only a node (or next-server) process counts.
  try {
    return /node|next/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return true; // No /proc (macOS): trust the pid.
  }
}

/** The live holder of the data folder's lock, or null if nobody holds it (a stale file counts as none). */
export function readLock(dir: string = dataDir()): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockFile(dir), "utf8")) as LockInfo;
    return typeof info.pid === "number" && isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * PGlite has no cross-process lock and two writers corrupt the folder, so one process at a time holds
 * stint.lock (created with O_EXCL). A lock left by a dead process is taken over. Two processes taking
 * over the same stale lock in the same instant could both win; the retry loop re-checks the holder.
 */
export function acquireLock(dir: string = dataDir()): () => void {
  const file = lockFile(dir);
  const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx", mode: 0o600 });
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
      const holder = readLock(dir);
      if (holder && holder.pid !== process.pid) throw new DataDirLockedError(dir, holder);
      try {
        fs.unlinkSync(file);
      } catch {
        // Someone else removed the stale lock first; try again.
      }
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

/** Record extra facts (e.g. the CLI socket) in the lock this process holds. */
export function updateLock(info: Partial<LockInfo>, dir: string = dataDir()): void {
  const file = lockFile(dir);
  const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  if (current.pid !== process.pid) throw new Error("This process does not hold the data folder lock");
  fs.writeFileSync(file, JSON.stringify({ ...current, ...info }), { mode: 0o600 });
}
