import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./index";

/** Rows of a raw query: postgres.js returns an array, PGlite `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Ids as one int[] parameter (`= any(...)`, `@>`, `&&`): one bound value whatever their number, so a
 * statement's text, and its prepared plan, stay the same for 1 id or 500. Missing ids: the empty array.
 */
export const intArray = (ids: readonly number[] = []): SQL => sql`${`{${ids.join(",")}}`}::int[]`;
