import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests run once; integration tests (*.int.test.ts) run on an in-memory PGlite and, when
// TEST_DATABASE_URL names a PostgreSQL server, again on a fresh database there.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
// CI's second run (.ci/run) sets STINT_TEST_POSTGRES_ONLY=1: its first run, on the embedded database, already
// ran the unit tests and the integration tests on PGlite, so this one runs only the "postgres" project.
// Without it (a developer's `TEST_DATABASE_URL=... npm test`) both projects run.
const postgresOnly = process.env.STINT_TEST_POSTGRES_ONLY === "1";
if (postgresOnly && !onPostgres) throw new Error("STINT_TEST_POSTGRES_ONLY=1 needs TEST_DATABASE_URL: it skips everything but the PostgreSQL tests.");
// The fakes of outside systems (Zoho, receivers) listen on 127.0.0.1: STINT_ALLOW_PRIVATE_URLS=1 lets calls reach them.
// The one time setting of these tests: what one test may take. Hooks (a fresh PostgreSQL database and its
// migrations) get twice that, and every wait on state (expect.poll) half of it. On a slow machine raise
// this one: STINT_TEST_TIMEOUT_MS=60000.
const TEST_TIMEOUT_MS = Number(process.env.STINT_TEST_TIMEOUT_MS) || 30_000;

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    environment: "node",
    // vitest's default, one worker fewer than cores, is a single worker on a 2-core machine (CI's): it waits
    // on its database (PGlite's thread, the PostgreSQL server) while the other core idles. Two workers there:
    // PostgreSQL project 100 s -> 52 s, PGlite project 158 s -> 104 s (README, Testing).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS * 2,
    expect: { poll: { timeout: TEST_TIMEOUT_MS / 2 } },
    // For the few tests that need a multiple of it: testBudget() in lib/testing/budget.ts.
    provide: { testTimeoutMs: TEST_TIMEOUT_MS },
    projects: [
      ...(postgresOnly
        ? []
        : [
            {
              extends: true,
              test: { name: "pglite", include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**"], env: { STINT_TEST_DB: "pglite", STINT_ALLOW_PRIVATE_URLS: "1" } },
            },
          ]),
      ...(onPostgres
        ? [
            {
              extends: true,
              test: { name: "postgres", include: ["**/*.int.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**"], env: { STINT_TEST_DB: "postgres", STINT_ALLOW_PRIVATE_URLS: "1" } },
            },
          ]
        : []),
    ],
  },
});
