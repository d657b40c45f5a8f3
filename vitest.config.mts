import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests run once; integration tests (*.int.test.ts) run on an in-memory PGlite and, when
// TEST_DATABASE_URL names a PostgreSQL server, again on a fresh database there.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "pglite", include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**"], env: { STINT_TEST_DB: "pglite" } },
      },
      ...(onPostgres
        ? [
            {
              extends: true,
              test: { name: "postgres", include: ["**/*.int.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**"], env: { STINT_TEST_DB: "postgres" } },
            },
          ]
        : []),
    ],
  },
});
