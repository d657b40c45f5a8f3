import { request as playwrightRequest } from "@playwright/test";
import { createUser, expect, signIn, test } from "./fixtures";

async function apiAs(baseURL: string, token: string) {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

test("create a read-only token, see it once, use it, revoke it", async ({ page, user, baseURL }) => {
  await signIn(page, user);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Manage API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No API tokens yet")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Reporting script");
  await page.getByRole("button", { name: "Read only" }).click();
  await page.getByLabel("Expires").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Your new token" });
  await expect(dialog).toContainText("You will not see it again.");
  const token = (await dialog.getByTestId("new-token").innerText()).trim();
  expect(token).toMatch(/^tt_[A-Za-z0-9]{32}$/);
  await dialog.getByRole("button", { name: "Done" }).click();

  const item = page.getByTestId("token-item");
  await expect(item).toContainText("Reporting script");
  await expect(item).toContainText(token.slice(0, 8));
  await expect(item).toContainText("read:projects");
  await expect(item).not.toContainText("write:projects");
  await expect(page.locator("body")).not.toContainText(token); // never shown again

  const api = await apiAs(baseURL!, token);
  expect((await api.get("/api/v1/projects")).status()).toBe(200);
  const denied = await api.post("/api/v1/projects", { data: { name: "Nope" } });
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toMatchObject({ error_code: "insufficient_scope", required_scope: "write:projects" });
  await page.reload();
  await expect(page.getByTestId("token-item")).toContainText("last used");

  await page.getByRole("button", { name: "Revoke Reporting script" }).click();
  await page.getByRole("dialog", { name: "Revoke this token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  const revoked = await api.get("/api/v1/projects");
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error_code).toBe("unauthorized");
  await api.dispose();
});

test("an admin can make a token for another user; a missing scope choice is explained", async ({ page, baseURL }) => {
  const admin = await createUser("admin", { admin: true });
  const other = await createUser("other");
  await signIn(page, admin);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name", { exact: true }).fill("Nothing");
  for (const box of await page.getByRole("group", { name: "Scopes" }).getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Choose at least one scope.")).toBeVisible();

  await page.getByRole("button", { name: "Read only" }).click();
  await page.getByLabel("Name", { exact: true }).fill("For Other");
  await page.getByLabel("For another user (email, optional)").fill(other.email);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").innerText()).trim();
  const api = await apiAs(baseURL!, token);
  expect((await (await api.get("/api/v1/users/me")).json()).user.email).toBe(other.email);
  await api.dispose();
});
