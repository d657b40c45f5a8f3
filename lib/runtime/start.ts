import { configuredTarget, closeDb, getDb, getDbHandle } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { analyzeChangedTables } from "@/db/statistics";
import { serveCli } from "@/lib/cli/socket";
import { env, isBuildPhase } from "@/lib/env";
import { DataDirLockedError, updateLock } from "./lock";

const state = globalThis as unknown as { __stintStarted?: Promise<void>; __stintWorker?: { stop(): Promise<void> }; __stintAnalyzer?: NodeJS.Timeout };

// PGlite has no autovacuum: look for tables that changed much (a large write, or many small ones) this often.
const ANALYZE_CHECK_MS = 60_000;

function keepStatisticsCurrent() {
  state.__stintAnalyzer = setInterval(() => {
    analyzeChangedTables(getDb()).catch((error) => console.error(`Could not analyze the database: ${(error as Error).message}`));
  }, ANALYZE_CHECK_MS);
  state.__stintAnalyzer.unref();
}

/** Start-up of a server process: lock the data folder (embedded database), migrate, accept CLI commands. */
export function startStint(): Promise<void> {
  if (isBuildPhase()) return Promise.resolve();
  return (state.__stintStarted ??= start());
}

async function start() {
  const target = configuredTarget();
  try {
    const handle = getDbHandle(); // Takes the data folder's lock first when the database is embedded.
    await migrateDatabase(handle, target);
    if ("pgliteDir" in target) {
      const cli = await serveCli(getDb);
      updateLock({ socket: cli.path });
      keepStatisticsCurrent();
    }
    if (env().STINT_WORKER === "on") {
      const { startWorker } = await import("@/lib/integrations/sync/worker");
      state.__stintWorker = startWorker(getDb());
    }
    console.log(
      `Stint ready: ${"url" in target ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${env().dataDir}`}; integrations worker ${env().STINT_WORKER}`,
    );
  } catch (error) {
    // If start-up fails Next would keep serving 500s forever: stop instead, with the reason.
    console.error(error instanceof DataDirLockedError ? error.message : `Stint could not start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
  // Close the embedded database cleanly (a checkpoint) when the server is stopped.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // Let the worker finish the entry in hand (its lease would otherwise hold it for a while).
      clearInterval(state.__stintAnalyzer);
      void Promise.race([state.__stintWorker?.stop(), new Promise((r) => setTimeout(r, 5_000))])
        .then(() => closeDb())
        .finally(() => process.exit(0));
    });
  }
}
