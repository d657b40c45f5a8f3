import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";

/**
 * Runs a report's statement with settings of its own, for this transaction only: no JIT (the planner cannot
 * know how few entries cross a midnight, and its estimate of the split made it compile the plan: ~1.5 s of
 * a 0.3 s query), and room for its hash aggregates over a year of entries (they spilled to disk at 4 MB).
 */
export function reportRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<T>(tx as unknown as Db, query);
  });
}
