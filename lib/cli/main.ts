// The admin CLI: `npm run --silent stint -- <command>`. Prints only the command's result.
import { configuredTarget, openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { acquireLock, DataDirLockedError, readLock } from "@/lib/runtime/lock";
import { runCommand, type CliResult } from "./commands";
import { sendToServer } from "./socket";

async function runDirect(argv: string[]): Promise<CliResult> {
  const target = configuredTarget();
  // On PGlite we are the only process on the folder while we hold the lock.
  const release = "pgliteDir" in target ? acquireLock() : () => {};
  const handle = openDatabase(target);
  try {
    await migrateDatabase(handle, target);
    return await runCommand(handle.db, argv);
  } finally {
    await handle.close();
    release();
  }
}

async function viaServerOrDirect(argv: string[]): Promise<CliResult> {
  if ("url" in configuredTarget()) return runDirect(argv);
  // A server may be starting (lock taken, socket not yet listening): give it a moment.
  for (let waited = 0; waited < 30_000; waited += 200) {
    const holder = readLock();
    if (!holder) {
      try {
        return await runDirect(argv);
      } catch (error) {
        if (error instanceof DataDirLockedError) continue; // A server started in between.
        throw error;
      }
    }
    if (holder.socket) return sendToServer(holder.socket, argv);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The data folder is locked by a process that does not accept CLI commands.");
}

async function main() {
  const argv = process.argv.slice(2);
  try {
    const result = await viaServerOrDirect(argv);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

void main();
