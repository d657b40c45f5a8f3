import { TEST_TIMEOUT_MS } from "../../playwright.config";

// Every wait of the e2e suite is a share of one setting, the test timeout of playwright.config.ts
// (STINT_E2E_TIMEOUT_MS raises it on a slow machine): no spec hard-codes a number of milliseconds.
// Waits are on state (expect, expect.poll, a port, a health check); these only bound them.
export const budget = {
  /** One test. */
  test: TEST_TIMEOUT_MS,
  /** One expect() or expect.poll() (playwright.config's expect timeout): what the page or server does in answer. */
  expect: TEST_TIMEOUT_MS / 6,
  /** Work in the background that a test waits on: a sync, an import, the worker's next round. */
  background: TEST_TIMEOUT_MS / 2,
  /** A Stint server of the test's own to start and become healthy (PGlite's first start: initdb, migrations). */
  serverStart: TEST_TIMEOUT_MS,
  /** Waiting for another spec (in the other worker) to free a shared port: the fake Zoho's. */
  portWait: TEST_TIMEOUT_MS * 1.5,
  /** A test or hook that starts a server of its own, or waits for another spec to free a port. */
  withServer: TEST_TIMEOUT_MS * 2,
};
