import { sql } from "drizzle-orm";
import type { Db } from "./index";
import { queryRows } from "./rows";

// The planner picks index scans and join orders from table statistics (pg_class.reltuples, pg_statistic).
// PostgreSQL's autovacuum keeps them current; PGlite has no autovacuum, so without these a table is never
// analyzed (reltuples stays -1) and every plan is a guess.

/** True when some table of Stint's has never been analyzed (a new database, or one from before this rule). */
export async function hasUnanalyzedTables(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * VACUUM (ANALYZE) on the tables that changed much since their last analysis, by autovacuum's own rule (50 rows
 * plus 10% of the table), or grew by more than a fifth since. Returns their names. For PGlite, run after large writes and periodically.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  // Counters reach pg_stat_user_tables when a backend flushes them; PGlite's only backend is ours.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  await db.execute(sql`select 1`);
  const rows = await queryRows<{ relname: string }>(
    db,
    // Or grew much past the size its last analysis saw (relpages): the counters above start from zero when
    // PGlite reopens a folder, so a large write before a restart would otherwise never be analyzed.
    sql`select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = 'public'
          and (s.n_mod_since_analyze > 50 + 0.1 * greatest(s.n_live_tup, 0)
               or pg_relation_size(c.oid) / current_setting('block_size')::int > 1.2 * greatest(c.relpages, 0) + 10)`,
  );
  // VACUUM as well: without autovacuum nothing else sets PGlite's visibility map, and without it every
  // index-only scan (a list page's key seek, a count) visits the table for each row it reads.
  for (const { relname } of rows) await db.execute(sql`vacuum (analyze) ${sql.identifier(relname)}`);
  return rows.map((r) => r.relname);
}
