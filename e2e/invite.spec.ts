import AxeBuilder from "@axe-core/playwright";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmptyDatabase } from "../db/testing";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e } from "./support/config";
import { startServer, type StintServer } from "./support/server";

// The invitation link /invite/<token> on a server whose registration is closed: the invited person
// registers through the link, comes back to it signed in, joins, and lands in the workspace.

/** axe (WCAG 2.1 A and AA, and one h1 first) over the page in its current state, as e2e/a11y.spec.ts checks the app's pages. */
async function accessible(page: Page, state: string) {
  const rules = { "page-has-heading-one": { enabled: true }, "heading-order": { enabled: true }, "landmark-one-main": { enabled: true }, region: { enabled: true } };
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"], rules }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), state).toEqual([]);
}

test.describe("a workspace invitation link, with registration closed (its own server)", () => {
  test.describe.configure({ mode: "serial" });
  // Port +35: the lifecycle spec uses +10 and +11, the rate-limit spec +12, the abuse spec +31.
  const PORT = e2e.port + 35;
  let server: StintServer | undefined;
  let dataDir: string;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, "--json"], { dataDir, databaseUrl });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-invite-"));
    if (e2e.serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl, `stint_e2e_inv_${crypto.randomBytes(4).toString("hex")}`));
    server = await startServer({ port: PORT, dataDir, databaseUrl, env: { STINT_REGISTRATION: "closed" } });
  });
  test.afterAll(async () => {
    await server?.stop("SIGTERM");
    await dropDatabase?.();
  });

  test("a signed-out person registers through the link, joins, and lands in the workspace", async ({ browser }) => {
    await cli("user", "create", "--email", "olive@example.com", "--password", "olive's long passphrase", "--name", "Olive Owner");
    const team = await cli("workspace", "create", "--owner", "olive@example.com", "--name", "Harbour Studio");
    const invite = await cli("workspace", "invite", "--workspace", String(team.id), "--email", "Nell@Example.com", "--role", "manager");
    expect(invite.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);

    const context = await browser.newContext({ baseURL: server!.url });
    const page = await context.newPage();
    // Closed means closed without the link...
    await page.goto("/register");
    await expect(page.getByText("Registration is closed. Ask the administrator of this Stint for an account.")).toBeVisible();

    await page.goto(invite.path);
    await expect(page.getByRole("heading", { name: "Join Harbour Studio" })).toBeVisible();
    await expect(page.getByText("Olive Owner invited nell@example.com to join Harbour Studio as a manager.")).toBeVisible();
    await accessible(page, "the invitation, signed out");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page.getByLabel("Email")).toHaveValue("nell@example.com");
    await page.getByLabel("Name").fill("Nell Newcomer");
    await page.getByLabel("Password").fill("nell's long passphrase");
    await page.getByRole("button", { name: "Create account" }).click();

    // Back on the link, signed in: one button joins.
    await expect(page).toHaveURL(new RegExp(`${invite.path}$`));
    await expect(page.getByRole("button", { name: "Join Harbour Studio" })).toBeVisible();
    await accessible(page, "the invitation, signed in: Join");
    await page.getByRole("button", { name: "Join Harbour Studio" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText("Nell Newcomer");
    expect(new URL(page.url()).pathname).toBe("/");
    const mine = (await (await page.request.get("/api/v1/workspaces")).json()).workspaces as { id: number; name: string; role: string }[];
    expect(mine.map((w) => [w.name, w.role])).toEqual([
      ["Nell Newcomer's workspace", "owner"],
      ["Harbour Studio", "manager"],
    ]);
    const members = (await (await page.request.get(`/api/v1/workspaces/${team.id}/members`)).json()).members as { email: string; role: string }[];
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["olive@example.com", "owner"],
      ["nell@example.com", "manager"],
    ]);

    // The link worked once.
    await page.goto(invite.path);
    await expect(page.getByText(/This invitation has already been used/)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
    await context.close();
  });

  test("signed in with another address, the page says which address the link is for and offers no Join", async ({ browser }) => {
    const team = (await cli("workspace", "list", "--user", "olive@example.com")).find((w: { name: string }) => w.name === "Harbour Studio");
    const invite = await cli("workspace", "invite", "--workspace", String(team.id), "--email", "pat@example.com");
    const context = await browser.newContext({ baseURL: server!.url });
    const page = await context.newPage();
    await signIn(page, { email: "olive@example.com", password: "olive's long passphrase" });
    await page.goto(invite.path);
    await expect(page.getByText("You are already a member of Harbour Studio.")).toBeVisible();
    await cli("user", "create", "--email", "quin@example.com", "--password", "quin's long passphrase", "--name", "Quin");
    const other = await browser.newContext({ baseURL: server!.url });
    const q = await other.newPage();
    await signIn(q, { email: "quin@example.com", password: "quin's long passphrase" });
    await q.goto(invite.path);
    await expect(q.getByText("This invitation is for pat@example.com, and you are signed in as quin@example.com.", { exact: false })).toBeVisible();
    await expect(q.getByRole("button", { name: /^Join/ })).toHaveCount(0);
    await Promise.all([context.close(), other.close()]);
  });
});
