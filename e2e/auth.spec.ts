import { expect, signIn, test, uniqueEmail } from "./fixtures";

test.describe("signing up and in", () => {
  test.use({ timezoneId: "America/Chicago", locale: "en-US" });

  test("a signed-out visitor is sent to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("register, sign out, sign in again", async ({ page }) => {
    const email = uniqueEmail("reg");
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/register$/);
    await page.getByLabel("Name").fill("Rita Register");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("rita's long passphrase");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText("Rita Register");
    await expect(page.getByPlaceholder("What are you working on?")).toBeVisible();
    // The browser's zone and region were detected at registration.
    const me = await (await page.request.get("/api/v1/users/me")).json();
    expect(me.user).toMatchObject({ email, name: "Rita Register", timezone: "America/Chicago", week_start: 0 });

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, { email: email.toUpperCase(), password: "rita's long passphrase" });
    await expect(page.getByTestId("signed-in-as")).toHaveText("Rita Register");
  });

  test("a wrong password shows an error and keeps the email", async ({ page, user }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Incorrect email or password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page).toHaveURL(/\/sign-in$/);
    // ...and the right one still works afterwards.
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
  });

  test("a taken email and a weak password are explained next to their fields", async ({ page, user }) => {
    await page.goto("/register");
    await page.getByLabel("Name").fill("Copy Cat");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("This is a commonly used password.", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Copy Cat");

    await page.getByLabel("Password").fill("a fine passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists. Sign in instead?")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/register$/);
  });
});
