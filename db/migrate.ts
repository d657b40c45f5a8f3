import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { migrationsFolder, type DbHandle, type DbTarget } from "./index";
import { queryRows } from "./rows";
import { hasUnanalyzedTables } from "./statistics";

// Any constant works; it only has to be the same in every Stint instance.
const MIGRATION_LOCK = 7_246_830_115;

const COUNT_MIGRATIONS = `select count(*)::int as n from pg_tables where schemaname = 'drizzle' and tablename = '__drizzle_migrations'`;

/**
 * Applies pending migrations, then analyzes the database when they changed it (or it was never analyzed):
 * new tables and indexes have no statistics, and PGlite has no autovacuum to gather them later.
 * On PostgreSQL several instances may start at once: a session advisory lock on one dedicated connection
 * makes them take turns, and the later ones find nothing to do.
 */
export async function migrateDatabase(handle: DbHandle, target: DbTarget): Promise<void> {
  if (!("url" in target)) {
    const applied = () => appliedCount((q) => queryRows<{ n: number }>(handle.db, sql.raw(q)));
    const before = await applied();
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: migrationsFolder() });
    if ((await applied()) !== before || (await hasUnanalyzedTables(handle.db))) await handle.db.execute(sql`vacuum (analyze)`);
    return;
  }
  const client = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const applied = () => appliedCount((q) => client.unsafe<{ n: number }[]>(q));
    const before = await applied();
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder() });
    if ((await applied()) !== before) await client`analyze`;
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}

/** How many migrations the database has recorded (0 before the first). */
async function appliedCount(query: (text: string) => Promise<{ n: number }[]>): Promise<number> {
  const [{ n: exists }] = await query(COUNT_MIGRATIONS);
  if (!Number(exists)) return 0;
  const [{ n }] = await query("select count(*)::int as n from drizzle.__drizzle_migrations");
  return Number(n);
}
