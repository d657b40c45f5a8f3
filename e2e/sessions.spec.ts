import { expect, signIn, test } from "./fixtures";

test("Settings lists this browser and another; Revoke signs the other out, Sign out everywhere signs out this one", async ({ browser, user }) => {
  const [laptop, phone] = [await browser.newContext(), await browser.newContext()];
  const [here, there] = [await laptop.newPage(), await phone.newPage()];
  await signIn(here, user);
  await signIn(there, user);

  await here.goto("/settings");
  const sessions = here.getByRole("region", { name: "Sessions" });
  const items = sessions.getByTestId("session-item");
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: "This device" })).toHaveCount(1);
  await expect(items.first()).toContainText("Chrome on Linux");
  await expect(items.first()).toContainText("Last seen");

  await sessions.getByRole("button", { name: /^Revoke/ }).click();
  await expect(sessions.getByRole("status")).toHaveText("Signed out Chrome on Linux.");
  await expect(items).toHaveCount(1);
  await there.reload();
  await expect(there).toHaveURL(/\/sign-in/);

  // Signed in again over there, then ended from here together with this browser.
  await signIn(there, user);
  await sessions.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here).toHaveURL(/\/sign-in/);
  await there.goto("/overview");
  await expect(there).toHaveURL(/\/sign-in/);
  await Promise.all([laptop.close(), phone.close()]);
});
