import crypto from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
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
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export const test = base.extend<{ user: TestUser }>({
  user: async ({}, use) => {
    await use(await createUser("user"));
  },
});

export { expect };
