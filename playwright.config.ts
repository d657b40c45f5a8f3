import { defineConfig } from "@playwright/test";
import { e2e } from "./e2e/support/config";

/**
 * The suite's one time setting: what one test may take. Every other budget (expect, background work,
 * starting a server) is a share of it, in e2e/support/budget.ts. On a slow machine raise this one:
 * `STINT_E2E_TIMEOUT_MS=120000 npx playwright test`.
 */
export const TEST_TIMEOUT_MS = Number(process.env.STINT_E2E_TIMEOUT_MS) || 60_000;

// Runs against a production build (`npm run test:e2e` builds first) in Debian's Chromium.
export default defineConfig({
  testDir: "e2e",
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
