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
  /** Where e2e/mail.spec.ts starts its SMTP sink; the shared server sends mail there (see mailSinkEnv). */
  smtpSinkPort: port + 51,
  /** Where e2e/webhooks-delivery.spec.ts runs its webhook receiver. */
  webhookReceiverPort: port + 52,
  /** Where e2e/webhooks-ui.spec.ts runs its own receiver (the two specs may run at once, in the two workers). */
  webhookUiReceiverPort: port + 53,
  /** Where specs start the fake RescueTime (e2e/support/fake-rescuetime.ts); the shared server is pointed at it. */
  fakeRescueTimePort: port + 57,
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

/** The fake Zoho's OAuth client (e2e/fakes/zoho/state.ts) and hosts, for the shared e2e server's environment.
 *  It listens on 127.0.0.1, which outgoing calls reach only with STINT_ALLOW_PRIVATE_URLS=1. */
export function fakeZohoEnv(): Record<string, string> {
  const url = `http://127.0.0.1:${e2e.fakeZohoPort}`;
  return {
    STINT_ALLOW_PRIVATE_URLS: "1",
    ZOHO_ACCOUNTS_URL: url,
    ZOHO_API_URL: url,
    ZOHO_CLIENT_ID: "1000.FAKECLIENT",
    ZOHO_CLIENT_SECRET: "fake-client-secret",
  };
}

/** The fake RescueTime's host for the shared e2e server (on 127.0.0.1: STINT_ALLOW_PRIVATE_URLS=1 from fakeZohoEnv). */
export function fakeRescueTimeEnv(): Record<string, string> {
  return { RESCUETIME_API_URL: `http://127.0.0.1:${e2e.fakeRescueTimePort}` };
}

/** The shared server mails through the SMTP sink on e2e.smtpSinkPort (down unless a spec runs it: a failing server). */
export function mailSinkEnv(): Record<string, string> {
  return { STINT_SMTP_URL: `smtp://127.0.0.1:${e2e.smtpSinkPort}`, STINT_MAIL_FROM: "Stint <stint@e2e.example.com>" };
}

/**
 * The shared e2e server's settings. Specs register through the page (open registration). Specs of
 * per-address limits send their own X-Forwarded-For (trusted here), so the rest of the suite, all from
 * 127.0.0.1, is not throttled by them. A user's tokens share one allowance, and the suite's users make
 * many calls (the fuzzer thousands a minute through a session): the limits are raised to stay clear of
 * them; e2e/api/rate-limit.spec.ts checks the limits on a server of its own.
 */
export const sharedServerEnv = {
  STINT_REGISTRATION: "open",
  STINT_TRUST_PROXY: "1",
  STINT_RATE_LIMIT_PER_MINUTE: "1000",
  STINT_RATE_LIMIT_PER_HOUR: "50000",
  STINT_SESSION_RATE_LIMIT_PER_MINUTE: "100000",
};
