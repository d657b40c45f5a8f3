import { api, signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test, uniqueEmail } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e, e2eDatabaseUrl } from "./support/config";

const cli = (args: string[]) => runCli(args, { dataDir: e2e.dataDir!, databaseUrl: e2eDatabaseUrl() });

test("change password: the current one is required; other sessions end, this one stays", async ({ page, user }) => {
  const elsewhere = await signedIn(user);
  await signIn(page, user);
  await page.goto("/settings");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change password" }) });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill("a brand new pass 42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  expect((await api(elsewhere).ok("me")).user.id).toBe(user.id);

  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password").fill("a brand new pass 42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");
  await api(elsewhere).fail("me", {}, 401, "unauthorized");
  await page.reload();
  await expect(page.getByTestId("account-email")).toHaveText(user.email); // this browser stays signed in
  await (await signedIn({ email: user.email, password: "a brand new pass 42" })).dispose();
  await elsewhere.dispose();
});

test("change email: the current password is required and the address must be free", async ({ page, user }) => {
  const other = await createUser("taken");
  await signIn(page, user);
  await page.goto("/settings");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Change email" }) });
  await form.getByLabel("New email").fill(other.email);
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Change email" }).click();
  await expect(form.getByText("Another account uses this email address.")).toBeVisible();

  const fresh = uniqueEmail("moved");
  await form.getByLabel("New email").fill(fresh.toUpperCase());
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Change email" }).click();
  await expect(form.getByRole("status")).toHaveText(`Email changed: you now sign in with ${fresh}.`);
  await expect(page.getByTestId("account-email")).toHaveText(fresh);
  await (await signedIn({ email: fresh, password: user.password })).dispose();
});

test("delete account: confirmed with the email and password, deletes the data and signs out", async ({ page, user }) => {
  const token = (await cli(["token", "create", "--user", user.email, "--scopes", "read:projects,write:projects"])).stdout.trim();
  await api(page.request, token).ok("createProject", { body: { name: "Doomed" } });
  await signIn(page, user);
  await page.goto("/settings");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Delete my account" }) });
  await form.getByLabel("Type your email to confirm").fill("someone-else@example.com");
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.getByText("Type the email address of this account, exactly.")).toBeVisible();

  await form.getByLabel("Type your email to confirm").fill(user.email);
  await form.getByLabel("Current password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await api(page.request, token).fail("listProjects", {}, 401, "unauthorized");
  const again = await cli(["token", "create", "--user", user.email, "--scopes", "read:projects"]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("No user with the email");
});

test("stint user reset-password prints a one-time link; using it sets the password and ends every session", async ({ page, user }) => {
  const before = await signedIn(user);
  const unknown = await cli(["user", "reset-password", "--email", "nobody-here@example.com"]);
  expect(unknown.code).toBe(1);
  const run = await cli(["user", "reset-password", "--email", user.email]);
  expect(run.code, run.stderr).toBe(0);
  const link = new URL(run.stdout.split("\n")[0]);
  expect(link.pathname).toBe("/reset-password");
  expect(run.stdout).toMatch(/Valid until .* once/);

  await page.goto(`/reset-password${link.search}`);
  await page.getByLabel("New password").fill("reset to this 42");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is set" })).toBeVisible();
  await api(before).fail("me", {}, 401, "unauthorized");

  // Once only.
  await page.goto(`/reset-password${link.search}`);
  await page.getByLabel("New password").fill("and again this 43");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("This reset link is invalid, used or expired. Ask for a new one.")).toBeVisible();
  await signIn(page, { email: user.email, password: "reset to this 42" });
  await before.dispose();
});
