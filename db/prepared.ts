import type { Db } from "./index";

const byDb = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement built once per database (or transaction) and name, then run with placeholders. Building a
 * drizzle query costs more CPU than the database spends answering it (about 0.7 ms for the entry list's
 * joins, every request), so the hot paths (every API request's token check, the timer status, the entry
 * list, an entry by id) build theirs once: `prepared(db, "name", () => db.select()….prepare("name"))`.
 * On PostgreSQL they also run as server-side prepared statements.
 */
export function prepared<T>(db: Db, name: string, build: () => T): T {
  let statements = byDb.get(db);
  if (!statements) byDb.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = build()));
  return statement;
}
