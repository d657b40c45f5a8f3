import crypto from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DbHandle, type DbTarget } from "./index";
import { migrateDatabase } from "./migrate";

export type TestDb = DbHandle & { target: DbTarget; url?: string; cleanup(): Promise<void> };

// The test runner's own variables, read here rather than in the app's schema (lib/env.ts): the app never
// sees them.
const testEnv = process.env;

/** Which database the integration tests of this vitest project run on (see vitest.config.mts). */
export function testDatabaseKind(): "pglite" | "postgres" {
  return testEnv.STINT_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped again by cleanup()).
 */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = opts.migrate ?? true;
  if (testDatabaseKind() === "pglite") {
    const target: DbTarget = { memory: true };
    const handle = openDatabase(target);
    if (migrate) await migrateDatabase(handle, target);
    return { ...handle, target, cleanup: () => handle.close() };
  }
  const serverUrl = testEnv.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const { url, drop } = await createEmptyDatabase(serverUrl, `stint_test_${Date.now()}_${crypto.randomBytes(4).toString("hex")}`);
  const target: DbTarget = { url };
  const handle = openDatabase(target);
  if (migrate) await migrateDatabase(handle, target);
  return {
    ...handle,
    target,
    url,
    async cleanup() {
      await handle.close();
      await drop();
    },
  };
}

/** Creates database `name` on the server of `serverUrl` (its role needs CREATEDB) and returns its URL. */
export async function createEmptyDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const onServer = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(statement);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  await onServer(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A forced drop can fail while autovacuum (a superuser process) visits the new database: retry, and a
  // leftover test database is not worth failing the run for.
  const drop = async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        return await onServer(`drop database if exists "${name}" with (force)`);
      } catch (error) {
        if (attempt === 5) console.warn(`Could not drop test database ${name}: ${(error as Error).message}`);
        else await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
  };
  return { url: url.toString(), drop };
}
