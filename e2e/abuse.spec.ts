import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { createEmptyDatabase } from "../db/testing";
import { expect, signIn, test, uniqueEmail } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e } from "./support/config";
import { startServer, type StintServer } from "./support/server";
import { budget } from "./support/budget";
import { withTimeLeftInTheMinute } from "./support/clock-minute";

// Abuse limits seen from the browser: sign-in and registration per client address, registration modes,
// password strength. The shared server trusts X-Forwarded-For, so each test here comes from an address
// of its own and throttles nobody else.

const SHARED = `http://localhost:${e2e.port}`;
const randomAddress = () => `198.51.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const from = (browser: Browser, address: string, baseURL = SHARED) => browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": address } });

async function fillRegistration(page: Page, who: { name: string; email?: string; password: string }) {
  await page.getByLabel("Name").fill(who.name);
  if (who.email) await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe("on the shared server", () => {
  test("guessing from one network shows a clear message there, and does not lock the owner out elsewhere", async ({ browser, user }) => {
    const attacker = randomAddress();
    await withTimeLeftInTheMinute();
    const guesses = await from(browser, attacker);
    // Both doors count together: ten wrong passwords through the API...
    for (let n = 1; n <= 10; n++) {
      const reply = await guesses.request.post("/api/v1/auth/login", { data: { username: user.email, password: `guess number ${n}` } });
      expect(reply.status()).toBe(401);
    }
    // ...and the sign-in page from that network refuses even the right one, saying why.
    const page = await guesses.newPage();
    await signInExpectingError(page, user, "Too many failed sign-in attempts from your network. Wait a minute and try again.");
    await guesses.close();

    const home = await from(browser, randomAddress());
    const ownerPage = await home.newPage();
    await signIn(ownerPage, user);
    await expect(ownerPage.getByTestId("signed-in-as")).toHaveText(user.name);
    await home.close();
  });

  test("a common password is refused with the reason next to the field", async ({ browser }) => {
    const context = await from(browser, randomAddress());
    const page = await context.newPage();
    await page.goto("/register");
    await fillRegistration(page, { name: "Quinn Qwerty", email: uniqueEmail("qwerty"), password: "qwerty12" });
    const field = page.getByLabel("Password");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("This is a commonly used password.")).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
    await fillRegistration(page, { name: "Quinn Qwerty", password: "quinn's quiet passphrase" });
    await expect(page.getByTestId("signed-in-as")).toHaveText("Quinn Qwerty");
    await context.close();
  });

  test("registrations are limited per address", async ({ browser, user }) => {
    const context = await from(browser, randomAddress());
    const page = await context.newPage();
    await withTimeLeftInTheMinute();
    await page.goto("/register");
    // Five a minute per address: attempts that reach the database count, even refused ones.
    for (let n = 1; n <= 5; n++) {
      await fillRegistration(page, { name: `Copy ${n}`, email: user.email, password: "a perfectly fine passphrase" });
      await expect(page.getByText("An account with this email already exists. Sign in instead?")).toBeVisible();
      await page.reload();
    }
    await fillRegistration(page, { name: "Sixth", email: uniqueEmail("sixth"), password: "a perfectly fine passphrase" });
    await expect(page.getByText(/^Too many registrations from your network\. Try again in \d+ min\.$/)).toBeVisible();
    await context.close();
    // Another address registers as usual.
    const other = await from(browser, randomAddress());
    const otherPage = await other.newPage();
    await otherPage.goto("/register");
    await fillRegistration(otherPage, { name: "Elsewhere", email: uniqueEmail("elsewhere"), password: "a perfectly fine passphrase" });
    await expect(otherPage.getByTestId("signed-in-as")).toHaveText("Elsewhere");
    await other.close();
  });
});

async function signInExpectingError(page: Page, user: { email: string; password: string }, message: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(message)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test.describe("a fresh install (its own server, STINT_REGISTRATION unset: invite)", () => {
  test.describe.configure({ mode: "serial" });
  // Port +31: the lifecycle spec uses +10 and +11, the rate-limit spec +12.
  const PORT = e2e.port + 31;
  let server: StintServer | undefined;
  let dataDir: string;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  const where = () => ({ dataDir, databaseUrl });

  test.beforeAll(async () => {
    test.setTimeout(budget.withServer);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-register-"));
    if (e2e.serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl, `stint_e2e_reg_${crypto.randomBytes(4).toString("hex")}`));
    server = await startServer({ port: PORT, dataDir, databaseUrl });
  });
  test.afterAll(async () => {
    await server?.stop("SIGTERM");
    await dropDatabase?.();
  });

  test("the first account registers freely and administers; then only a one-time invitation link lets anyone in", async ({ browser }) => {
    const first = await browser.newContext({ baseURL: server!.url });
    const page = await first.newPage();
    await page.goto("/register");
    await expect(page.getByText("You are the first: this account will administer this Stint.")).toBeVisible();
    await fillRegistration(page, { name: "Ada Admin", email: "ada@example.com", password: "ada's long passphrase" });
    await expect(page.getByTestId("signed-in-as")).toHaveText("Ada Admin");
    expect((await (await page.request.get("/api/v1/users/me")).json()).user).toMatchObject({ email: "ada@example.com", is_admin: true });
    await first.close();

    // Anyone else: no form.
    const visitor = await browser.newContext({ baseURL: server!.url });
    const v = await visitor.newPage();
    await v.goto("/register");
    await expect(v.getByText("Registration is by invitation. Ask the administrator of this Stint for an invitation link.")).toBeVisible();
    await expect(v.getByLabel("Password")).toHaveCount(0);

    // The admin makes a link (the CLI talks to the running server).
    const made = await runCli(["user", "invite", "--email", "Bea@Example.com", "--json"], where());
    expect(made.code, made.stderr).toBe(0);
    const invite = JSON.parse(made.stdout) as { url: string; path: string; email: string; expires_at: string };
    expect(invite.path).toMatch(/^\/register\?invite=[A-Za-z0-9_-]{32}$/);
    expect(invite.url).toBe(`http://localhost:3000${invite.path}`);
    expect(invite.email).toBe("bea@example.com");
    expect(Math.abs(Date.parse(invite.expires_at) - (Date.now() + 7 * 86_400_000))).toBeLessThan(120_000);

    await v.goto(invite.path);
    await expect(v.getByLabel("Email")).toHaveValue("bea@example.com");
    // The link is for Bea's address only.
    await fillRegistration(v, { name: "Someone Else", email: "eve@example.com", password: "eve's sneaky passphrase" });
    await expect(v.getByText("This invitation is for bea@example.com: register with that address.")).toBeVisible();
    await fillRegistration(v, { name: "Bea Invited", email: "bea@example.com", password: "bea's long passphrase" });
    await expect(v.getByTestId("signed-in-as")).toHaveText("Bea Invited");
    expect((await (await v.request.get("/api/v1/users/me")).json()).user).toMatchObject({ email: "bea@example.com", is_admin: false });
    await visitor.close();

    // Used once: the same link lets nobody else in.
    const again = await browser.newContext({ baseURL: server!.url });
    const a = await again.newPage();
    await a.goto(invite.path);
    await expect(a.getByText(/This invitation link is not valid/)).toBeVisible();
    await expect(a.getByLabel("Password")).toHaveCount(0);
    await again.close();
  });

  test("closed: no registration at all; an admin creates accounts with the CLI", async ({ browser }) => {
    await server!.stop("SIGTERM");
    server = await startServer({ port: PORT, dataDir, databaseUrl, env: { STINT_REGISTRATION: "closed" } });
    const invite = JSON.parse((await runCli(["user", "invite", "--email", "cy@example.com", "--json"], where())).stdout) as { path: string };
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    for (const url of ["/register", invite.path]) {
      await page.goto(url);
      await expect(page.getByText("Registration is closed. Ask the administrator of this Stint for an account.")).toBeVisible();
      await expect(page.getByLabel("Password")).toHaveCount(0);
    }
    const created = await runCli(["user", "create", "--email", "cy@example.com", "--password", "cy's long passphrase", "--name", "Cy"], where());
    expect(created.code, created.stderr).toBe(0);
    await signIn(page, { email: "cy@example.com", password: "cy's long passphrase" });
    await context.close();
  });

  test("without SMTP settings, a forgotten password is a question for the admin", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server!.url });
    const page = await context.newPage();
    for (const url of ["/sign-in", "/forgot-password"]) {
      await page.goto(url);
      await expect(page.getByText("Forgot your password? Ask your Stint admin for a reset link: they run stint user reset-password --email")).toBeVisible();
      await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveCount(0);
    }
    await expect(page.getByLabel("Email")).toHaveCount(0);
    await context.close();
  });
});
