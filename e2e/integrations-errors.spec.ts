import { expect, signIn, test } from "./fixtures";

// Settings → Integrations shows why a connect failed from the `error` code of its URL: only the texts
// of known codes, never the URL's own words (a crafted link must not put text on Stint's page).

test("?error= shows only known codes' texts; anything else a generic text", async ({ page, user }) => {
  await signIn(page, user);
  const alert = page.getByTestId("connect-error");

  const planted = "Your account is locked. Call +1 555 0100 and give your password";
  await page.goto(`/settings/integrations?error=${encodeURIComponent(planted)}`);
  await expect(alert).toHaveText("Could not connect: Something went wrong while connecting: try again.");
  await expect(page.getByText("Call +1 555 0100")).toHaveCount(0);

  await page.goto(`/settings/integrations?error=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
  await expect(alert).toHaveText("Could not connect: Something went wrong while connecting: try again.");
  await page.goto("/settings/integrations?error=toString");
  await expect(alert).toHaveText("Could not connect: Something went wrong while connecting: try again.");

  // The redirect names the provider: its own wording of the settings text; without one, the generic text.
  await page.goto("/settings/integrations?error=settings&provider=zoho-projects");
  await expect(alert).toContainText("check the data centre and the portal id");
  await page.goto("/settings/integrations?error=settings&provider=toString");
  await expect(alert).toHaveText("Could not connect: Some connection settings are not valid: check them, then connect again.");
  await page.goto("/settings/integrations?error=oauth_state");
  await expect(alert).toContainText("was not started here");

  // No error: no alert.
  await page.goto("/settings/integrations");
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test("a connect with settings Zoho cannot have comes back with the settings code, not the message", async ({ page, user }) => {
  await signIn(page, user);
  await page.goto("/api/integrations/zoho-projects/connect?dc=.de");
  await expect(page).toHaveURL(/\/settings\/integrations\?error=settings&provider=zoho-projects$/);
  await expect(page.getByTestId("connect-error")).toContainText("check the data centre and the portal id");
});
