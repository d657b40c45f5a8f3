import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
 * A fresh, migrated database for one test file: a PGlite in a new temporary folder, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped again by cleanup()). An empty one (migrate: false, for the
 * migration tests): an in-memory PGlite.
 */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = opts.migrate ?? true;
  if (testDatabaseKind() === "pglite" && !migrate) {
    const target: DbTarget = { memory: true };
    const handle = openDatabase(target);
    return { ...handle, target, cleanup: () => handle.close() };
  }
  if (testDatabaseKind() === "pglite") {
    // A new folder starts as a copy of the migrated template, as a server's first start does
    // (db/pglite-template.ts): initdb and the migrations in memory took 3–9 s per test file, most of the
    // PGlite suite's time. The first folder of a run without a template (a fresh clone) makes it.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "stint-test-db-"));
    const target: DbTarget = { pgliteDir: path.join(folder, "pgdata") };
    const handle = openDatabase(target);
    await migrateDatabase(handle, target);
    await handle.saveTemplate?.();
    return {
      ...handle,
      target,
      async cleanup() {
        await handle.close();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
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
