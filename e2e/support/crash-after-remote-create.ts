// The crash test's worker process (lib/cli/integration-commands.int.test.ts): `stint sync run --once`,
// except that it dies (exit code 137) right after the provider created a log and before Stint recorded
// it. The fault lives here, in the test's own entry script, not in the app.
//   node --import tsx e2e/support/crash-after-remote-create.ts url <postgres://...> | pglite <folder>
import { openDatabase, type DbTarget } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { workOnce, type WorkerOptions } from "@/lib/integrations/sync/worker";

async function main() {
  const [kind, where] = process.argv.slice(2);
  if (!where || (kind !== "url" && kind !== "pglite")) throw new Error("usage: crash-after-remote-create.ts url <url> | pglite <folder>");
  const target: DbTarget = kind === "url" ? { url: where } : { pgliteDir: where };
  const handle = openDatabase(target);
  await migrateDatabase(handle, target);
  const opts: WorkerOptions = { afterRemoteCreate: () => process.exit(137) };
  while ((await workOnce(handle.db, opts)) > 0);
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
