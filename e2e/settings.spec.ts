import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// The browser is in Berlin; users made by the CLI are saved with UTC, so the page offers the browser's zone.
test.use({ timezoneId: "Europe/Berlin", locale: "en-US" });

async function me(page: Page) {
  const res = await page.request.get("/api/v1/users/me");
  expect(res.ok()).toBe(true);
  return (await res.json()).user as { name: string; email: string; timezone: string; week_start: number; runaway_threshold_minutes: number; max_entry_minutes: number; currency: string };
}

const profile = (page: Page) => ({
  name: page.getByLabel("Name"),
  zone: page.getByLabel("Time zone"),
  weekStart: page.getByLabel("Week starts on"),
  threshold: page.getByLabel(/Still working\?/),
  save: page.getByRole("button", { name: "Save" }),
  saved: page.getByRole("status").filter({ hasText: "Settings saved." }),
});

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_BG = "rgb(17, 17, 20)";
const LIGHT_BG = "rgb(247, 247, 248)";

test.describe("settings", () => {
  test("name, time zone, week start and threshold are saved, survive a reload and reach the API", async ({ page, user }) => {
    // A fixed instant, so the local-time hint is known: 12:00 UTC is 13:00 in Berlin and 21:00 in Tokyo.
    await page.clock.setFixedTime(new Date("2025-01-15T12:00:00Z"));
    await signIn(page, user);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const f = profile(page);

    // Prefilled from the server.
    await expect(f.name).toHaveValue(user.name);
    await expect(f.zone).toHaveValue("UTC");
    await expect(f.weekStart).toHaveValue("1");
    await expect(f.threshold).toHaveValue("10");
    await expect(page.getByTestId("account-email")).toHaveText(user.email);
    await expect(page.getByText("Focus “What are you working on?”")).toBeVisible();
    await expect(page.getByText("Start or stop the timer")).toBeVisible();

    // The browser's zone differs from the saved one: one click picks it, and the hint shows the time there.
    await expect(page.getByTestId("zone-local-time")).toHaveText(/It is Wednesday 12:00 PM there \(UTC\+00:00\)/);
    await page.getByRole("button", { name: "Use this browser's zone (Europe/Berlin)" }).click();
    await expect(f.zone).toHaveValue("Europe/Berlin");
    await expect(f.zone).toBeFocused();
    await expect(page.getByRole("button", { name: /Use this browser's zone/ })).toHaveCount(0);
    await expect(page.getByTestId("zone-local-time")).toHaveText(/It is Wednesday 1:00 PM there \(UTC\+01:00\)/);

    // ...but we pick Tokyo instead, a Sunday week start and 1.5 hours.
    await f.name.fill("Noor Renamed");
    await f.zone.selectOption("Asia/Tokyo");
    await expect(page.getByTestId("zone-local-time")).toHaveText(/It is Wednesday 9:00 PM there \(UTC\+09:00\)/);
    await f.weekStart.selectOption({ label: "Sunday" });
    await f.threshold.fill("1.5");
    await expect(page.getByText("= 1 h 30 min")).toBeVisible();
    const patch = page.waitForResponse((r) => r.url().endsWith("/api/v1/users/me") && r.request().method() === "PATCH");
    await f.save.click();
    expect((await patch).status()).toBe(200);
    await expect(f.saved).toBeVisible();
    // The header is rendered on the server; it follows without a reload.
    await expect(page.getByTestId("signed-in-as")).toHaveText("Noor Renamed");

    await page.reload();
    await expect(f.name).toHaveValue("Noor Renamed");
    await expect(f.zone).toHaveValue("Asia/Tokyo");
    await expect(f.weekStart).toHaveValue("0");
    await expect(f.threshold).toHaveValue("1.5");
    await expect(page.getByTestId("signed-in-as")).toHaveText("Noor Renamed");
    await expect(f.saved).toHaveCount(0);
    // Still Berlin in this browser, Tokyo saved: the button is offered again.
    await expect(page.getByRole("button", { name: "Use this browser's zone (Europe/Berlin)" })).toBeVisible();

    expect(await me(page)).toMatchObject({ name: "Noor Renamed", email: user.email, timezone: "Asia/Tokyo", week_start: 0, runaway_threshold_minutes: 90 });

    // The rest of the app follows: the timer page shows sessions in the new zone.
    // Minutes ago, so that it is in this week in Tokyo whatever the day.
    const start = new Date(Date.now() - 10 * 60_000);
    const end = new Date(Date.now() - 5 * 60_000);
    await page.request.post("/api/v1/time-entries", { data: { notes: "Zoned", start_time: start.toISOString(), end_time: end.toISOString() } });
    const tokyo = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
    await page.goto("/");
    await expect(page.getByTestId("entry-row")).toContainText(`${tokyo(start)} – ${tokyo(end)}`);
  });

  test("an invalid threshold is explained next to the field and nothing is saved", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/settings");
    const f = profile(page);
    await expect(f.threshold).toHaveValue("10");
    let patches = 0;
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches++;
    });

    await f.name.fill("Should Not Stick");
    await f.threshold.fill("0.1"); // 6 minutes
    await f.save.click();
    await expect(f.threshold).toHaveAttribute("aria-invalid", "true");
    await expect(f.threshold).toHaveAccessibleDescription(/Use at least 15 minutes\./);
    await expect(f.threshold).toBeFocused();
    await expect(f.saved).toHaveCount(0);

    await f.threshold.fill("ten");
    await f.save.click();
    await expect(f.threshold).toHaveAccessibleDescription(/Enter a number of hours, like 10 or 1\.5\./);

    await f.threshold.fill("169");
    await f.save.click();
    await expect(f.threshold).toHaveAccessibleDescription(/Use at most a week\./);

    expect(patches).toBe(0);
    expect(await me(page)).toMatchObject({ name: user.name, runaway_threshold_minutes: 600 });
    await page.reload();
    await expect(f.name).toHaveValue(user.name);
    await expect(f.threshold).toHaveValue("10");
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);

    // The lower limit itself is fine, and the error goes once it is.
    await f.threshold.fill("0.25");
    await f.save.click();
    await expect(f.saved).toBeVisible();
    await expect(f.threshold).not.toHaveAttribute("aria-invalid", "true");
    expect(await me(page)).toMatchObject({ name: user.name, runaway_threshold_minutes: 15 });

    // Saving again without a change sends nothing.
    await f.save.click();
    await expect(page.getByRole("status").filter({ hasText: "Nothing to save" })).toBeVisible();
    expect(patches).toBe(1);
  });

  test("maximum session length and currency are saved, survive a reload and reach the API", async ({ page, user }) => {
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await signIn(page, user);
    await page.goto("/settings");
    const f = profile(page);
    const maxLength = page.getByLabel("Maximum session length");
    const currency = page.getByLabel("Currency");
    await expect(maxLength).toHaveValue("24");
    await expect(currency).toHaveValue("EUR");
    await expect(currency.locator("option:checked")).toHaveText("EUR – Euro");

    await maxLength.fill("200");
    await f.save.click();
    await expect(maxLength).toHaveAccessibleDescription(/Use at most 168 hours \(7 days\)\./);
    await expect(maxLength).toBeFocused();
    await maxLength.fill("36.5");
    await expect(page.getByText("= 36 h 30 min")).toBeVisible();
    await currency.selectOption("CHF");
    const patch = page.waitForResponse((r) => r.url().endsWith("/api/v1/users/me") && r.request().method() === "PATCH");
    await f.save.click();
    expect((await patch).request().postDataJSON()).toEqual({ max_entry_minutes: 2190, currency: "CHF" });
    await expect(f.saved).toBeVisible();
    expect(await me(page)).toMatchObject({ max_entry_minutes: 2190, currency: "CHF" });

    await page.reload();
    await expect(maxLength).toHaveValue("36.5");
    await expect(currency).toHaveValue("CHF");
    await expect(currency.locator("option:checked")).toHaveText("CHF – Swiss Franc");
    // The server and the browser render the same labels: no hydration error (a missing resource, such as
    // a favicon, is another matter).
    expect(consoleErrors.filter((text) => !text.startsWith("Failed to load resource"))).toEqual([]);
  });

  test("the theme switches at once and survives a reload without a flash", async ({ page, user }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, user);
    await page.goto("/settings");
    const html = page.locator("html");
    const themes = page.getByRole("group", { name: "Theme" });
    await expect(themes.getByRole("radio", { name: /System/ })).toBeChecked();
    await expect(html).not.toHaveAttribute("data-theme");

    await themes.getByRole("radio", { name: /Dark/ }).check();
    await expect(html).toHaveAttribute("data-theme", "dark");
    expect(await bodyBackground(page)).toBe(DARK_BG);

    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(themes.getByRole("radio", { name: /Dark/ })).toBeChecked();

    // Before any of the app's JavaScript runs, the page is already dark (the inline script in <head>).
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    expect(await bodyBackground(page)).toBe(DARK_BG);
    await page.unrouteAll();
    await page.reload();

    // Arrow keys move through the choices like any radio group.
    await themes.getByRole("radio", { name: /Dark/ }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(themes.getByRole("radio", { name: /Light/ })).toBeChecked();
    await expect(html).toHaveAttribute("data-theme", "light");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await bodyBackground(page)).toBe(LIGHT_BG);

    // System follows the device.
    await themes.getByRole("radio", { name: /System/ }).check();
    await expect(html).not.toHaveAttribute("data-theme");
    expect(await bodyBackground(page)).toBe(DARK_BG);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await bodyBackground(page)).toBe(LIGHT_BG);
    await page.reload();
    await expect(themes.getByRole("radio", { name: /System/ })).toBeChecked();
    await expect(html).not.toHaveAttribute("data-theme");
  });

  test("fits a phone screen", async ({ page, user }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, user);
    await page.goto("/settings");
    await expect(profile(page).zone.locator("option")).not.toHaveCount(1); // the full list is in
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
