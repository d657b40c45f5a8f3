import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2e } from "./e2e/support/config";

/**
 * The suite's one time setting: what one test may take. Every other budget (expect, background work,
 * starting a server) is a share of it, in e2e/support/budget.ts. On a slow machine raise this one:
 * `STINT_E2E_TIMEOUT_MS=120000 npx playwright test`.
 */
export const TEST_TIMEOUT_MS = Number(process.env.STINT_E2E_TIMEOUT_MS) || 60_000;

/**
 * Browser-only specs: what they test does not depend on the database (markup, accessibility, layout, focus,
 * headers, the API document), and the data they set up goes through the API, whose behaviour on each
 * database the other specs and the integration tests check. They run on the embedded database only: CI's
 * second run, on PostgreSQL (.ci/run), sets STINT_TEST_POSTGRES_ONLY=1 and skips them; a developer's
 * `TEST_DATABASE_URL=... npm test` runs them too. A spec that stores or reads data in a way of its own stays off
 * this list (in doubt, off).
 */
const BROWSER_ONLY = [
  "a11y.spec.ts", // axe-core, headings and console errors on every page
  "look.spec.ts", // layout at 375/1280 px, dialogs, 404, icons (project figures: lib/projects/stats.int.test.ts on both)
  "keyboard.spec.ts", // where focus goes (delete and undo on the server: entry-rules.spec.ts on both)
  "timer-ux.spec.ts", // hydration, offline, deep links and form help (the timer's writes: timer.spec.ts, api/timer.spec.ts)
  "security-headers.spec.ts", // CSP, framing, caching headers
  "integrations-errors.spec.ts", // texts of the connect error codes in the URL
  "api/origin.spec.ts", // Origin/Sec-Fetch-Site checks, answered before any query
  "api/openapi.spec.ts", // the OpenAPI document, generated from lib/api/operations.ts
  "api/docs.spec.ts", // Swagger UI at /api/docs
];
for (const spec of BROWSER_ONLY) {
  if (!fs.existsSync(path.join(__dirname, "e2e", spec))) throw new Error(`playwright.config.ts: BROWSER_ONLY names e2e/${spec}, which does not exist`);
}
const postgresOnly = process.env.STINT_TEST_POSTGRES_ONLY === "1";
if (postgresOnly && !e2e.serverUrl) throw new Error("STINT_TEST_POSTGRES_ONLY=1 needs TEST_DATABASE_URL: it skips the browser-only specs, run on the embedded database.");

// Runs against a production build (`npm run test:e2e` builds first) in Debian's Chromium.
export default defineConfig({
  testDir: "e2e",
  testIgnore: postgresOnly ? BROWSER_ONLY.map((spec) => path.join(__dirname, "e2e", spec)) : [],
  timeout: TEST_TIMEOUT_MS,
  expect: { timeout: TEST_TIMEOUT_MS / 6 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    // One host name throughout: next-auth builds URLs from it and cookies are per host.
    baseURL: `http://localhost:${e2e.port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node --import tsx e2e/support/serve.ts",
    url: `http://localhost:${e2e.port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: TEST_TIMEOUT_MS * 2,
    stdout: "pipe",
    stderr: "pipe",
  },
});
