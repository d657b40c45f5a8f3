import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Shared by playwright.config.ts, its web server and the test workers. Values are put in process.env
// the first time (in the runner process), and the workers it forks inherit them.
process.env.STINT_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-"));
process.env.STINT_E2E_DB ??= `stint_e2e_${Date.now()}`;

const port = Number(process.env.STINT_E2E_PORT ?? 3100);

export const e2e = {
  port,
  /** Where specs start the fake Zoho (`startFakeZoho({ port: e2e.fakeZohoPort })`); the shared server is pointed at it. */
  fakeZohoPort: port + 50,
  dataDir: process.env.STINT_E2E_DATA_DIR,
  /** The PostgreSQL server to run on (TEST_DATABASE_URL), or undefined for the embedded database. */
  serverUrl: process.env.TEST_DATABASE_URL || undefined,
  databaseName: process.env.STINT_E2E_DB,
};

/** DATABASE_URL of the shared e2e server's database, when it runs on PostgreSQL. */
export function e2eDatabaseUrl(): string | undefined {
  if (!e2e.serverUrl) return undefined;
  const url = new URL(e2e.serverUrl);
  url.pathname = `/${e2e.databaseName}`;
  return url.toString();
}

/** The fake Zoho's OAuth client (e2e/fakes/zoho/state.ts) and hosts, for the shared e2e server's environment. */
export function fakeZohoEnv(): Record<string, string> {
  const url = `http://127.0.0.1:${e2e.fakeZohoPort}`;
  return {
    ZOHO_ACCOUNTS_URL: url,
    ZOHO_API_URL: url,
    ZOHO_CLIENT_ID: "1000.FAKECLIENT",
    ZOHO_CLIENT_SECRET: "fake-client-secret",
  };
}
