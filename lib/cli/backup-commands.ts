import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, type Db } from "@/db";
import type { EmbeddedClient } from "@/db/pglite-client";
import { migrateDatabase } from "@/db/migrate";
import { AppError } from "@/lib/errors";
import { acquireLock } from "@/lib/runtime/lock";
import { str, type Command } from "./command";

// Backups of the embedded database. Copying the data folder of a running server is unsafe (PGlite keeps
// writing), so `backup` asks the process that holds the database for a snapshot, taken between two
// transactions. Only the database goes into the file: the encryption key and the session secret stay in
// the data folder (keep a copy of the key elsewhere; a backup without it cannot decrypt integrations).

const PG_DUMP_ADVICE =
  "Stint runs on PostgreSQL (DATABASE_URL): back it up with PostgreSQL's tools, e.g. `pg_dump --format=custom --file=stint.dump \"$DATABASE_URL\"`, " +
  "and restore with `pg_restore --dbname=\"$DATABASE_URL\" --no-owner stint.dump` into an empty database.";

function pgliteOf(db: Db): EmbeddedClient | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client && typeof (client as EmbeddedClient).dumpDataDir === "function" ? (client as EmbeddedClient) : null;
}

/** Writes the file whole (a temporary file renamed into place), readable by its owner only, never over an existing file. */
function writeNewFile(file: string, data: Buffer): void {
  if (fs.existsSync(file)) throw AppError.validation({ out: [`${file} exists already: choose a new file name.`] });
  const temp = `${file}.${process.pid}.partial`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: {
    usage: "backup --out FILE   (a consistent snapshot of the embedded database, also while the server runs; without the encryption key)",
    options: { out: { type: "string" } },
    required: ["out"],
    async run(db, flags) {
      const client = pgliteOf(db);
      if (!client) throw new AppError("bad_request", PG_DUMP_ADVICE);
      const file = path.resolve(str(flags, "out")!);
      // Written pages first, so a restore has little to replay; then the snapshot, with no transaction in flight.
      await client.query("checkpoint");
      const tarball = await client.dumpDataDir("gzip"); // Taken between two transactions.
      const data = Buffer.from(await tarball.arrayBuffer());
      writeNewFile(file, data);
      return { text: `Backed up the database to ${file} (${data.byteLength} bytes). The encryption key is not in it: keep a copy of it apart.`, json: { file, bytes: data.byteLength } };
    },
  },
  restore: {
    usage: "restore --in FILE   (into a data folder without a database; stop the server first)",
    options: { in: { type: "string" } },
    required: ["in"],
    async run() {
      // Only reached inside a running server (run.ts restores directly otherwise).
      throw new AppError("conflict", "A Stint server is running on this data folder: stop it first. A restore fills a data folder that has no database yet.");
    },
  },
};

/** The file arguments of backup/restore as absolute paths: a running server, whose working folder differs, may write them. */
export function absoluteFileArgs(argv: string[]): string[] {
  if (argv[0] !== "backup" && argv[0] !== "restore") return argv;
  return argv.map((arg, i) => {
    if (/^--(out|in)=/.test(arg)) return arg.replace(/=(.*)$/, (_, v: string) => `=${path.resolve(v)}`);
    return i > 0 && /^--(out|in)$/.test(argv[i - 1]) ? path.resolve(arg) : arg;
  });
}

/**
 * `restore --in FILE` when no server runs: under the folder's lock, into a data folder without a
 * database, then migrated (the backup may come from an older Stint). Returns null for other commands.
 */
export async function restoreDirectly(target: { dataDir: string; databaseUrl?: string }, argv: string[]): Promise<{ exitCode: number; stdout: string; stderr: string } | null> {
  if (argv[0] !== "restore") return null;
  let file: string | undefined;
  try {
    file = parseArgs({ args: argv.slice(1), options: { in: { type: "string" }, json: { type: "boolean" } }, strict: true }).values.in;
  } catch (error) {
    return { exitCode: 2, stdout: "", stderr: `${(error as Error).message}\nUsage: ${BACKUP_COMMANDS.restore.usage}\n` };
  }
  if (!file) return { exitCode: 2, stdout: "", stderr: `Missing --in\nUsage: ${BACKUP_COMMANDS.restore.usage}\n` };
  if (target.databaseUrl) return { exitCode: 1, stdout: "", stderr: `Error: ${PG_DUMP_ADVICE}\n` };
  const pgdata = path.join(target.dataDir, "pgdata");
  const release = acquireLock(target.dataDir);
  try {
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
      return { exitCode: 1, stdout: "", stderr: `Error: ${target.dataDir} already has a database. Restore into a new data folder (STINT_DATA_DIR), or move this one's pgdata away first.\n` };
    }
    let backup: Buffer;
    try {
      backup = fs.readFileSync(path.resolve(file));
    } catch (error) {
      return { exitCode: 1, stdout: "", stderr: `Error: cannot read ${file}: ${(error as Error).message}\n` };
    }
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    const dbTarget = { pgliteDir: pgdata, loadDataDir: new Blob([new Uint8Array(backup)]) };
    const handle = openDatabase(dbTarget);
    try {
      await migrateDatabase(handle, dbTarget);
    } catch (error) {
      await handle.close().catch(() => {});
      fs.rmSync(pgdata, { recursive: true, force: true });
      return { exitCode: 1, stdout: "", stderr: `Error: ${file} is not a Stint backup that can be restored: ${(error as Error).message}\n` };
    }
    await handle.close();
    return { exitCode: 0, stdout: `Restored ${path.resolve(file)} into ${target.dataDir}. Put the encryption key back (STINT_ENCRYPTION_KEY or encryption.secret) before starting Stint.\n`, stderr: "" };
  } finally {
    release();
  }
}
