import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import { drizzle as drizzlePglite, PgliteSession } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { acquireLock, readLock } from "@/lib/runtime/lock";
import { dataPath } from "@/lib/runtime/data-dir";
import { openEmbeddedClient } from "./pglite-client";
import { templateDir } from "./pglite-template";
import * as schema from "./schema";

/** The database or a transaction: every domain function takes it as its first argument. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
  /** Embedded database only: keep a new, just migrated folder as the template of the next (db/pglite-template.ts). */
  saveTemplate?(): Promise<boolean>;
};

/** loadDataDir: a backup (`stint backup`) to fill a new, empty embedded database folder with. */
export type DbTarget = { url: string } | { pgliteDir: string; loadDataDir?: Blob } | { memory: true };

/**
 * Runs every statement as a prepared statement. drizzle asks postgres.js for unprepared statements (unless
 * a query is .prepare()d), and postgres.js sends an unprepared statement with parameters in two round
 * trips: one to learn the parameter types, one to run it. Prepared, a statement is described once per
 * connection, then runs in one round trip, and the server parses (and, after a few runs, plans) it once.
 * postgres.js keys its prepared statements by text and parameter types per connection; Stint's
 * statements come in a small, fixed set of shapes. The wrapper follows into transactions and savepoints.
 */
function preparingStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const method = Reflect.get(target, key) as (...a: unknown[]) => unknown;
          return method(...args, (tx: postgres.TransactionSql) => callback(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

export function openDatabase(target: DbTarget): DbHandle {
  if ("url" in target) {
    const client = postgres(target.url, {
      max: 10,
      onnotice: () => {},
      // Timestamps come back as Date objects via drizzle's column mapping either way.
      // No JIT: Stint's statements are short or, for reports, a few hundred ms, and the planner's row
      // estimates for CTEs and generate_series put them over jit_above_cost; compiling then cost 0.5–1.5 s
      // per statement (a year's report by project ran 1,050 ms with JIT for 285 without). Off for every
      // statement of the app, instead of statement by statement as each one is found.
      connection: { application_name: "stint", jit: "off" },
    });
    return {
      db: drizzlePostgres(preparingStatements(client), { schema }) as unknown as Db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite runs on a thread of its own (db/pglite-worker.mjs), so its queries do not block the server.
  const client =
    "memory" in target
      ? openEmbeddedClient(null)
      : openEmbeddedClient(target.pgliteDir, { loadDataDir: target.loadDataDir, templateDir: templateDir(migrationsFolder()) });
  return {
    db: drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    saveTemplate: () => client.saveTemplate(),
  };
}

/**
 * Whether `db` (or a transaction of it) is the embedded database. Stint's statements are the same on both; the
 * few that send many rows choose the form that costs the scarce thread least (lib/reports/period-sessions.ts):
 * on PGlite the database's one thread, on PostgreSQL the server's.
 */
export function isEmbedded(db: Db): boolean {
  // drizzle keeps what a database or a transaction runs its statements through in `session`.
  return is((db as unknown as { session: unknown }).session, PgliteSession);
}

/** Where this process's database lives, from the environment: DATABASE_URL, else PGlite in the data folder. */
export function configuredTarget(): DbTarget {
  const { DATABASE_URL } = env();
  return DATABASE_URL ? { url: DATABASE_URL } : { pgliteDir: dataPath("pgdata") };
}

const holder = globalThis as unknown as { __stintDb?: DbHandle };

/**
 * The process-wide database. Kept on globalThis because Next evaluates modules several times per server,
 * and PGlite must not open its folder twice. Opening the embedded database takes the data folder's lock.
 */
export function getDbHandle(): DbHandle {
  if (holder.__stintDb) return holder.__stintDb;
  const target = configuredTarget();
  if ("pgliteDir" in target && readLock()?.pid !== process.pid) acquireLock();
  holder.__stintDb = openDatabase(target);
  return holder.__stintDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** The process-wide database if something has opened it already, else null: for proxy.ts, which must never open it. */
export function openedDb(): Db | null {
  return holder.__stintDb?.db ?? null;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__stintDb;
  holder.__stintDb = undefined;
  await handle?.close();
}

export const migrationsFolder = () => path.join(process.cwd(), "db", "migrations");

export { schema };
