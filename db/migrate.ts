import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import { migrationsFolder, type DbHandle, type DbTarget } from "./index";

// Any constant works; it only has to be the same in every Stint instance.
const MIGRATION_LOCK = 7_246_830_115;

/**
 * Applies pending migrations. On PostgreSQL several instances may start at once: a session advisory
 * lock on one dedicated connection makes them take turns, and the later ones find nothing to do.
 */
export async function migrateDatabase(handle: DbHandle, target: DbTarget): Promise<void> {
  if (!("url" in target)) {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: migrationsFolder() });
    return;
  }
  const client = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder() });
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}
