import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";

/**
 * Runs a report's statement with settings of its own, for this transaction only (one round trip for both):
 *   - room for its hash aggregates over a year of entries (they spilled to disk at 4 MB);
 *   - a plan for this report's own range and filters, every time. Statements are prepared (db/index.ts), and
 *     after five runs PostgreSQL may keep a generic plan made without the parameters' values: for a year's
 *     report by tag that one read the year through the start index instead of the table, 540 ms for 270.
 *     Planning costs ~2 ms of a report's hundreds.
 * (No JIT: off for every connection, db/index.ts.)
 */
export function reportRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true)`);
    return queryRows<T>(tx as unknown as Db, query);
  });
}
