import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Db, DbHandle } from "@/db";
import { schema } from "@/db";

/**
 * The same database through a second drizzle instance that records every statement it sends: for tests
 * that hold a service to a fixed number of statements (no query per row).
 */
export function recordingStatements(handle: DbHandle): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const client = (handle.db as unknown as { $client: never }).$client;
  const db = (handle.kind === "pglite" ? drizzlePglite(client, { schema, logger }) : drizzlePostgres(client, { schema, logger })) as unknown as Db;
  return { db, statements };
}
