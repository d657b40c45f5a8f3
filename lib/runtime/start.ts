import { configuredTarget, getDb, getDbHandle } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { analyzeChangedTables } from "@/db/statistics";
import { purgeOldTombstones } from "@/lib/changes/retention";
import { serveCli } from "@/lib/cli/socket";
import { env, isBuildPhase } from "@/lib/env";
import { errorMessageForRecord } from "@/lib/errors";
import { unavailableReason } from "./database-unavailable";
import { dataDir } from "./data-dir";
import { acquireLockWaiting, DataDirLockedError, releaseLock, updateLock } from "./lock";
import { drainRequests, hangUp, inFlightRequests, trackRequests } from "./shutdown";

type Running = { opened?: boolean; worker?: { stop(): Promise<void> }; cli?: { path: string; close(): void } };

const state = globalThis as unknown as {
  __stintStarted?: Promise<void>;
  __stintRunning?: Running;
  __stintStopping?: Promise<void>;
  __stintHousekeeping?: NodeJS.Timeout;
};

// PGlite has no autovacuum: look for tables that changed much (a large write, or many small ones) this often.
const ANALYZE_CHECK_MS = 60_000;
// Tombstones past the change feed's retention go every this many checks (an hour), the first a minute after start.
const PURGE_EVERY_CHECKS = 60;

function keepHouse() {
  let checks = 0;
  state.__stintHousekeeping = setInterval(() => {
    const db = getDb();
    analyzeChangedTables(db).catch((error) => console.error(`Could not analyze the database: ${(error as Error).message}`));
    if (checks++ % PURGE_EVERY_CHECKS === 0) {
      purgeOldTombstones(db).catch((error) => console.error(`Could not purge old deletions from the change feed: ${(error as Error).message}`));
    }
  }, ANALYZE_CHECK_MS);
  state.__stintHousekeeping.unref();
}

/** Start-up of a server process: lock the data folder (embedded database), migrate, accept CLI commands. */
export function startStint(): Promise<void> {
  if (isBuildPhase()) return Promise.resolve();
  if (!state.__stintStarted) {
    trackRequests();
    handleStopSignals();
    state.__stintStarted = start();
  }
  return state.__stintStarted;
}

async function start() {
  const target = configuredTarget();
  const running: Running = (state.__stintRunning = {});
  try {
    if ("pgliteDir" in target) {
      // A restart starts the new server while the old one may still be finishing its requests: wait for
      // its lock (bounded) instead of failing. getDbHandle() then finds the lock ours.
      const waitMs = env().STINT_LOCK_WAIT_MS;
      await acquireLockWaiting(dataDir(), {
        waitMs,
        onWait: (holder) =>
          console.log(`Waiting for the data folder lock held by pid ${holder.pid} (up to ${Math.round(waitMs / 1000)} s, STINT_LOCK_WAIT_MS)…`),
      });
    }
    const handle = getDbHandle();
    running.opened = true;
    await migrateDatabase(handle, target);
    if ("pgliteDir" in target) {
      // Before the first request: the template must hold Stint's schema and nobody's data.
      await handle.saveTemplate?.().catch((error) => console.error(`Could not keep a template of the new database: ${(error as Error).message}`));
      running.cli = await serveCli(getDb);
      updateLock({ socket: running.cli.path });
      keepHouse();
    }
    if (env().STINT_WORKER === "on") {
      const { startWorker } = await import("@/lib/integrations/sync/worker");
      running.worker = startWorker(getDb());
    }
    console.log(
      `Stint ready: ${"url" in target ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${env().dataDir}`}; integrations worker ${env().STINT_WORKER}`,
    );
  } catch (error) {
    // If start-up fails Next would keep serving 500s forever: stop instead, with the reason.
    console.error(error instanceof DataDirLockedError ? error.message : `Stint could not start: ${startFailureReason(error)}`);
    process.exit(1);
  }
}

/**
 * One line an operator can act on. Never the error object or its stack: a failed query's message and
 * parameters hold values (a migration's data, a person's input), and the stack says nothing to them.
 */
export function startFailureReason(error: unknown): string {
  const unreachable = unavailableReason(error);
  if (unreachable) return `the database cannot be reached (${unreachable.split("\n")[0]})`;
  const line = errorMessageForRecord(error).split("\n").map((l) => l.trim()).filter(Boolean).join("; ");
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

/**
 * `next start` registered its own SIGINT/SIGTERM handler before instrumentation ran; it would exit
 * (143) on its own schedule, racing ours (see shutdown.ts). Stint takes the signals over.
 */
function handleStopSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stopStint(signal));
  }
}

/** Graceful stop: no new requests, those in flight finish (bounded), then the database closes and the lock goes. */
function stopStint(signal: string): Promise<void> {
  return (state.__stintStopping ??= (async () => {
    const timeoutMs = env().STINT_SHUTDOWN_TIMEOUT_MS;
    console.log(`Stint is stopping (${signal}): finishing ${inFlightRequests()} request(s) in flight…`);
    // Still waiting for the data folder's lock: nothing is open yet, so nothing needs closing.
    if (!state.__stintRunning?.opened) {
      console.log("Stint stopped.");
      process.exit(0);
    }
    await state.__stintStarted;
    const running = state.__stintRunning;
    clearInterval(state.__stintHousekeeping);
    const [left] = await Promise.all([
      drainRequests(timeoutMs),
      // Let the worker finish the entry in hand (its lease would otherwise hold it for a while).
      Promise.race([running.worker?.stop(), new Promise((r) => setTimeout(r, 5_000))]),
    ]);
    if (left > 0) console.error(`Stint: ${left} request(s) still running after ${timeoutMs} ms (STINT_SHUTDOWN_TIMEOUT_MS); closing the database anyway.`);
    running.cli?.close();
    let code = 0;
    try {
      // The embedded database checkpoints; PostgreSQL connections end. The closed handle stays in place
      // (unlike closeDb()): a straggling request then fails as "unavailable" instead of reopening the folder.
      await getDbHandle().close();
    } catch (error) {
      console.error(`Stint: the database did not close cleanly: ${startFailureReason(error)}`);
      code = 1;
    }
    hangUp();
    if ("pgliteDir" in configuredTarget()) releaseLock();
    console.log("Stint stopped.");
    process.exit(code);
  })());
}
