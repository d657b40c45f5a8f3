import { expect, newActor, ops, test } from "./api-fixtures";

// The one test of the API suite with a browser: Swagger UI at /api/docs renders the generated document
// and its "Try it out" calls the API with the token given to "Authorize".
test("/api/docs renders, and Try it out calls the API with an authorized token", async ({ page }) => {
  const alice = await newActor("docs");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Stint API/ })).toBeVisible();
  await expect(page.locator(".opblock-tag-section")).toHaveCount(new Set(Object.values(ops).map((op) => op.tag)).size);

  await page.getByRole("button", { name: "Authorize" }).first().click();
  const dialog = page.locator(".modal-ux");
  const bearer = dialog.locator(".auth-container").filter({ hasText: "bearerAuth" });
  await bearer.getByRole("textbox").fill(alice.token);
  await bearer.getByRole("button", { name: "Apply credentials" }).click();
  await expect(bearer.getByText("Authorized", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).first().click();

  const me = page.locator("#operations-Users-me");
  await me.locator(".opblock-summary").click();
  const tryIt = me.getByRole("button", { name: "Try it out" });
  if (await tryIt.isVisible()) await tryIt.click();
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/users/me") && r.request().method() === "GET");
  await me.getByRole("button", { name: "Execute" }).click();
  const response = await answer;
  expect(response.status()).toBe(200);
  expect(response.request().headers().authorization).toBe(`Bearer ${alice.token}`);
  const live = me.locator(".live-responses-table tbody");
  await expect(live.locator(".response-col_status").first()).toHaveText("200");
  await expect(live.locator(".response-col_description").first()).toContainText(`"email": "${alice.email}"`);
  expect(errors).toEqual([]);
});
