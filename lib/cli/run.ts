import path from "node:path";
import { openDatabase, type DbTarget } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { acquireLock, DataDirLockedError, readLock, type LockInfo } from "@/lib/runtime/lock";
import { absoluteFileArgs, restoreDirectly } from "./backup-commands";
import { runCommand, type CliResult } from "./commands";
import { sendToServer } from "./socket";
import type { CommandContext } from "./command";

export type CliTarget = { dataDir: string; databaseUrl?: string };

async function runDirect(target: CliTarget, argv: string[], progress?: CommandContext["progress"]): Promise<CliResult> {
  const restored = await restoreDirectly(target, argv); // Fills an empty folder: must not open (create) a database first.
  if (restored) return restored;
  const db: DbTarget = target.databaseUrl ? { url: target.databaseUrl } : { pgliteDir: path.join(target.dataDir, "pgdata") };
  // On the embedded database we are the only process on the folder while we hold the lock.
  const release = target.databaseUrl ? () => {} : acquireLock(target.dataDir);
  const handle = openDatabase(db);
  try {
    await migrateDatabase(handle, db);
    return await runCommand(handle.db, argv, { via: "direct", progress });
  } finally {
    await handle.close();
    release();
  }
}

/** A live server holds the folder: it runs the command, or the command fails. Never open the folder beside it. */
async function sendToHolder(holder: LockInfo, socket: string, argv: string[]): Promise<CliResult> {
  try {
    return await sendToServer(socket, argv);
  } catch (error) {
    throw new Error(
      `A Stint server (pid ${holder.pid}) holds the data folder but did not answer on its CLI socket (${(error as Error).message}). ` +
        `The CLI does not open the folder while that process lives: try again, or stop the server first.`,
    );
  }
}

/**
 * Runs a CLI command the safe way: on PostgreSQL directly; on the embedded database through the running
 * server's socket if a server holds the folder, else directly under the folder's lock.
 */
export async function runCli(target: CliTarget, args: string[], progress?: CommandContext["progress"]): Promise<CliResult> {
  const argv = absoluteFileArgs(args);
  if (target.databaseUrl) return runDirect(target, argv, progress);
  // A server may be starting (lock taken, socket not yet listening): give it a moment.
  for (let waited = 0; waited < 30_000; waited += 200) {
    const holder = readLock(target.dataDir);
    if (!holder) {
      try {
        return await runDirect(target, argv, progress);
      } catch (error) {
        if (error instanceof DataDirLockedError) continue; // A server started in between.
        throw error;
      }
    }
    if (holder.socket) return sendToHolder(holder, holder.socket, argv);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The data folder is locked by a process that does not accept CLI commands.");
}
