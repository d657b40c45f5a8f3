import crypto from "node:crypto";
import { test as base, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { runCli } from "./support/cli";
import { e2e, e2eDatabaseUrl } from "./support/config";

export type TestUser = { id: number; email: string; password: string; name: string };

export function uniqueEmail(label: string): string {
  return `${label}-${crypto.randomBytes(5).toString("hex")}@example.com`;
}

/** Creates a user on the shared e2e server (through the admin CLI: there is no public sign-up API). */
export async function createUser(label = "user", opts: { dataDir?: string; databaseUrl?: string; admin?: boolean } = {}): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = `pass ${crypto.randomBytes(6).toString("hex")}`;
  const name = `${label[0].toUpperCase()}${label.slice(1)} Tester`;
  const args = ["user", "create", "--email", email, "--password", password, "--name", name, "--json", ...(opts.admin ? ["--admin"] : [])];
  const run = await runCli(args, {
    dataDir: opts.dataDir ?? e2e.dataDir!,
    databaseUrl: opts.databaseUrl ?? e2eDatabaseUrl(),
  });
  if (run.code !== 0) throw new Error(`user create failed (${run.code}): ${run.stderr}`);
  return { id: JSON.parse(run.stdout).id, email, password, name };
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
}

/** React has taken over the element (it is hydrated): keyboard shortcuts and handlers are live. */
export async function hydrated(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el !== null && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  }, selector);
}

/**
 * `page.request` stands in for the page's own scripts, but it is no browser and sends no Origin, which
 * Stint requires of every write made with a session cookie: add the Origin the page's fetch() would
 * send. (Extra headers on the whole context would break Chromium's own requests.)
 */
function asPageScripts(request: APIRequestContext, baseURL: string | undefined): void {
  const fetch = request.fetch.bind(request);
  request.fetch = (urlOrRequest, options = {}) => {
    if (typeof urlOrRequest !== "string" || !baseURL) return fetch(urlOrRequest, options);
    return fetch(urlOrRequest, { ...options, headers: { Origin: new URL(urlOrRequest, baseURL).origin, ...options.headers } });
  };
}

export const test = base.extend<{ user: TestUser }, { browser: Browser }>({
  user: async ({}, use) => {
    await use(await createUser("user"));
  },
  browser: [
    async ({ browser }, use, workerInfo) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        asPageScripts(context.request, options?.baseURL ?? workerInfo.project.use.baseURL);
        return context;
      };
      await use(browser);
    },
    { scope: "worker" },
  ],
});

export { expect };
