import type { Page } from "@playwright/test";
import { createUser, expect, hydrated, signIn, test, uniqueEmail } from "./fixtures";

// Dead ends and stale state on the timer and around it (issue 8). The user is in UTC (the CLI's default).

const nameField = (page: Page) => page.getByRole("textbox", { name: "What are you working on?" });
const status = async (page: Page) => (await (await page.request.get("/api/v1/timer/status")).json()) as { active: boolean; timer: Record<string, unknown> | null };
const entries = async (page: Page) =>
  (await (await page.request.get("/api/v1/time-entries?include_active=true")).json()).time_entries as Array<Record<string, unknown>>;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** Holds the page's scripts (Next's chunks) until `release()`: the page is visible but not yet hydrated. */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Console errors and uncaught page errors (a hydration mismatch is React error #418). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test.describe("typed before the page is ready", () => {
  test("a name typed and Start pressed before the scripts ran is the session's name", async ({ page, user }) => {
    await signIn(page, user);
    const release = await holdScripts(page);
    await page.goto("/", { waitUntil: "commit" });
    await nameField(page).pressSequentially("Typed while loading");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    release();
    await expect.poll(async () => (await status(page)).timer?.notes).toBe("Typed while loading");
    await expect(nameField(page)).toHaveValue("Typed while loading");
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
  });

  test("a name typed before the scripts ran is what a later Start saves", async ({ page, user }) => {
    await signIn(page, user);
    const release = await holdScripts(page);
    await page.goto("/", { waitUntil: "commit" });
    await nameField(page).pressSequentially("Early bird");
    release();
    await hydrated(page, "#timer-name");
    await expect(nameField(page)).toHaveValue("Early bird");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect.poll(async () => (await status(page)).timer?.notes).toBe("Early bird");
  });

  test("registration keeps what was typed and waits, visibly, until it can detect the time zone", async ({ page }) => {
    const email = uniqueEmail("early");
    const release = await holdScripts(page);
    await page.goto("/register", { waitUntil: "commit" });
    await page.getByLabel("Name").pressSequentially("Early Eve");
    await page.getByLabel("Email").pressSequentially(email);
    await page.getByLabel("Password").pressSequentially("eve's long passphrase");
    await expect(page.getByRole("button", { name: "Create account" })).toBeDisabled();
    release();
    await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText("Early Eve");
    expect((await (await page.request.get("/api/v1/users/me")).json()).user).toMatchObject({ email, name: "Early Eve" });
  });

  test("sign-in pressed before the scripts ran still signs in", async ({ page, user }) => {
    const release = await holdScripts(page);
    await page.goto("/sign-in", { waitUntil: "commit" });
    await page.getByLabel("Email").pressSequentially(user.email);
    await page.getByLabel("Password").pressSequentially(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    release();
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
  });
});

test.describe("stop at a past time", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
  });

  test("a timer started seconds ago stops with the default time, and the dialog closes", async ({ page }) => {
    await page.request.post("/api/v1/timer/start", { data: { notes: "Just started" } });
    await page.reload();
    await page.getByRole("button", { name: "Stop at a past time…" }).click();
    const dialog = page.getByRole("dialog", { name: "Stop the timer at a past time" });
    await dialog.getByRole("button", { name: "Stop at this time" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    expect((await status(page)).active).toBe(false);
    expect((await entries(page)).map((e) => [e.notes, e.is_active])).toEqual([["Just started", false]]);
    // Nothing is left over the page: the next click works.
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    await expect(page.getByRole("dialog", { name: "Add a past session" })).toBeVisible();
  });

  test("a time before the start or still to come is explained next to the field and kept", async ({ page }) => {
    const started = minutesAgo(120);
    started.setUTCSeconds(0, 0);
    await page.request.post("/api/v1/time-entries", { data: { notes: "Forgot to stop", start_time: started.toISOString() } });
    await page.reload();
    await page.getByRole("button", { name: "Stop at a past time…" }).click();
    const dialog = page.getByRole("dialog", { name: "Stop the timer at a past time" });
    const field = dialog.getByLabel("Stop at");

    const tooEarly = new Date(started.getTime() - 30 * 60_000).toISOString().slice(0, 16);
    await field.fill(tooEarly);
    await dialog.getByRole("button", { name: "Stop at this time" }).click();
    await expect(dialog.getByText(/^That is before the timer started \(at \d\d:\d\d:\d\d\)\. Pick a later time\.$/)).toBeVisible();
    await expect(field).toHaveValue(tooEarly);
    await expect(field).toHaveAttribute("aria-invalid", "true");

    const future = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 16);
    await field.fill(future);
    await expect(dialog.getByText(/^That is still to come\./)).toBeVisible();
    await dialog.getByRole("button", { name: "Stop at this time" }).click();
    await expect(field).toHaveValue(future);
    expect((await status(page)).active).toBe(true);

    const good = new Date(started.getTime() + 45 * 60_000);
    await field.fill(good.toISOString().slice(0, 16));
    await expect(dialog.locator("#stop-at-error")).toHaveCount(0); // gone as soon as the time is fixed
    await dialog.getByRole("button", { name: "Stop at this time" }).click();
    await expect(dialog).toBeHidden();
    expect((await entries(page))[0]).toMatchObject({ notes: "Forgot to stop", duration_seconds: 45 * 60 });
  });
});

test.describe("a stop that is not stored says so", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
    await page.request.post("/api/v1/timer/start", { data: { notes: "Keep me honest" } });
    await page.reload();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
  });

  test("offline: the timer keeps running on the page and the message says it did not stop", async ({ page }) => {
    await page.context().setOffline(true);
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByText("Not stopped: the timer is still running.")).toBeVisible();
    await expect(page.getByText("The timer did not stop: Stint could not be reached.", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    await expect(nameField(page)).toHaveValue("Keep me honest");
    const before = await page.getByTestId("timer-clock").innerText();
    await expect(page.getByTestId("timer-clock")).not.toHaveText(before); // still ticking
    await page.context().setOffline(false);
    expect((await status(page)).active).toBe(true);

    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    await expect(page.getByText("Not stopped: the timer is still running.")).toBeHidden();
    expect((await status(page)).active).toBe(false);
  });

  test("refused by the server (or the request fails): the page shows the timer running", async ({ page }) => {
    await page.route("**/api/v1/timer/stop", (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "Unavailable", message: "Down for maintenance.", error_code: "unavailable" }) }),
    );
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByText("The timer did not stop: Down for maintenance.")).toBeVisible();
    await expect(page.getByText("Not stopped: the timer is still running.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();

    await page.unroute("**/api/v1/timer/stop");
    await page.route("**/api/v1/timer/stop", (route) => route.abort("failed"));
    await page.keyboard.press("s");
    await expect(page.getByText("The timer did not stop: Stint could not be reached.", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    expect((await status(page)).active).toBe(true);
  });
});

test.describe("no console errors on the Timer page while a timer runs", () => {
  test("reloads with a running timer hydrate cleanly, even when the scripts come a second late", async ({ page, user }) => {
    await signIn(page, user);
    await page.request.post("/api/v1/timer/start", { data: { notes: "Ticking" } });
    const errors = collectErrors(page);
    for (let i = 0; i < 4; i++) {
      const release = await holdScripts(page);
      const served = Date.now();
      await page.goto("/", { waitUntil: "commit" });
      await expect(page.getByTestId("timer-clock")).toBeVisible();
      // The server rendered one second; the browser hydrates in a later one.
      await expect.poll(() => Date.now() - served, { intervals: [100] }).toBeGreaterThan(1100);
      release();
      await hydrated(page, "#timer-name");
      await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
      await page.unrouteAll();
    }
    for (let i = 0; i < 4; i++) {
      await page.reload();
      await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
    }
    expect(errors).toEqual([]);
  });

  test("a long timer whose question was answered in this browser hydrates cleanly", async ({ page, user }) => {
    await signIn(page, user);
    await page.request.post("/api/v1/time-entries", { data: { notes: "Marathon", start_time: minutesAgo(11 * 60).toISOString() } });
    await page.reload();
    await page.getByRole("region", { name: "Still working?" }).getByRole("button", { name: "Yes, keep it running" }).click();
    const errors = collectErrors(page);
    for (let i = 0; i < 3; i++) {
      await page.reload();
      await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled();
      await expect(page.getByRole("region", { name: "Still working?" })).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
});

test.describe("a session that ends under an open page", () => {
  test("its next request leads to sign-in, and signing in returns to the page", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/tags?from=bookmark");
    await expect(page.getByText("No tags yet.")).toBeVisible();
    await hydrated(page, `[id="${await page.getByLabel("New tag").getAttribute("id")}"]`);
    await page.context().clearCookies(); // as a sign-out in another tab, or the session revoked
    await page.getByLabel("New tag").fill("meeting");
    await page.getByRole("button", { name: "Add tag" }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftags%3Ffrom%3Dbookmark$/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/tags\?from=bookmark$/);
    await expect(page.getByText("No tags yet.")).toBeVisible(); // the refused request created nothing
  });
});

test.describe("signed out, a deep link", () => {
  test("returns to the link after sign-in", async ({ page }) => {
    const user = await createUser("deeplink");
    await page.goto("/overview?period=month&date=2026-11-01");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Foverview%3Fperiod%3Dmonth%26date%3D2026-11-01$/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/overview\?period=month&date=2026-11-01$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
  });

  test("returns to the link after registering instead", async ({ page }) => {
    await page.goto("/projects");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/register\?next=%2Fprojects$/);
    await page.getByLabel("Name").fill("Nora Newcomer");
    await page.getByLabel("Email").fill(uniqueEmail("deepreg"));
    await page.getByLabel("Password").fill("nora's long passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText("Nora Newcomer");
  });

  test("never leaves the site: another origin as the return target goes to the timer", async ({ page, baseURL }) => {
    const user = await createUser("openredirect");
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      // Off the Timer page first: signed out under it, its next API request answered 401 and apiFetch sent
      // the page to /sign-in, aborting the goto below (seen once in CI).
      await page.goto("about:blank");
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${encodeURIComponent(target)}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
      expect(page.url()).toBe(`${baseURL}/`);
    }
  });
});

test.describe("forms that help", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
  });

  test("a duration says how it reads before saving; 1.5 is an hour and a half", async ({ page }) => {
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    await dialog.getByLabel("Name").fill("Estimate");
    const start = minutesAgo(5 * 60);
    await dialog.getByLabel("Start date").fill(start.toISOString().slice(0, 10));
    await dialog.getByLabel("Start time").fill(start.toISOString().slice(11, 16));
    await dialog.getByLabel("Set a duration").check();
    const duration = dialog.getByLabel("Duration", { exact: true });
    for (const [typed, reads] of [
      ["90", "= 1 h 30 min (a number alone is minutes)"],
      ["1,5", "= 1 h 30 min"],
      ["1:30", "= 1 h 30 min"],
      ["90m", "= 1 h 30 min"],
      ["1h30", "= 1 h 30 min"],
      ["2.25h", "= 2 h 15 min"],
    ]) {
      await duration.fill(typed);
      await expect(dialog.getByText(reads, { exact: true })).toBeVisible();
    }
    await duration.fill("soon");
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog.getByText("Enter how long it took. Like 1:30, 1.5 (hours), 90m or 1h30.")).toBeVisible();
    await duration.fill("1.5");
    await expect(dialog.getByText("Enter how long it took.", { exact: false })).toBeHidden();
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog).toBeHidden();
    expect((await entries(page)).map((e) => [e.notes, e.duration_seconds])).toEqual([["Estimate", 5400]]);
  });

  test("“Add a past session” while a timer runs defaults to times before it", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Running now", start_time: minutesAgo(20).toISOString() } });
    await page.reload();
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    await dialog.getByLabel("Name").fill("Before the timer");
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog).toBeHidden();
    const all = await entries(page);
    const running = all.find((e) => e.is_active)!;
    const added = all.find((e) => e.notes === "Before the timer")!;
    expect(Date.parse(String(added.end_time))).toBeLessThanOrEqual(Date.parse(String(running.start_time)));
    expect(added.duration_seconds).toBe(3600);
  });

  test("text typed in the project picker becomes the new project's name", async ({ page }) => {
    await page.getByRole("button", { name: /^Project:/ }).click();
    await page.getByRole("combobox", { name: "Choose project" }).fill("Zeta launch");
    await page.getByRole("button", { name: "New project with a client…" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await expect(dialog.getByLabel("Project name")).toHaveValue("Zeta launch");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("button", { name: "Project: Zeta launch" })).toBeVisible();
  });
});

for (const width of [1280, 375]) {
  test.describe(`the session form at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });
    test.beforeEach(async ({ page, user }) => {
      await signIn(page, user);
    });

    test(`field errors say what to do, go once fixed, and do not stretch the field beside them (${width} px)`, async ({ page }) => {
      await page.getByRole("button", { name: "+ Add a past session" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a past session" });
      await dialog.getByLabel("Name").fill("Tidy up");
      const day = minutesAgo(48 * 60).toISOString().slice(0, 10);
      await dialog.getByLabel("Start date").fill(day);
      await dialog.getByLabel("End date").fill(day);
      await dialog.getByLabel("Start time").fill("");
      await dialog.getByRole("button", { name: "Add session" }).click();
      await expect(dialog.getByText("Enter when it started, like 09:30.")).toBeVisible();
      await expect(dialog.getByText(/2026-11-20T09:30|offset/)).toHaveCount(0);
      const date = await dialog.getByLabel("Start date").boundingBox();
      const time = await dialog.getByLabel("Start time").boundingBox();
      expect(Math.round(date!.height)).toBe(Math.round(time!.height));

      await dialog.getByLabel("Start time").fill("08:00");
      await dialog.getByLabel("End time").fill("07:00");
      await expect(dialog.getByText("Enter when it started, like 09:30.")).toBeHidden();
      await expect(dialog.getByText("Pick an end after the start.")).toBeVisible();
      await dialog.getByLabel("End time").fill("09:15");
      await expect(dialog.getByText("Pick an end after the start.")).toBeHidden();
      await dialog.getByRole("button", { name: "Add session" }).click();
      await expect(dialog).toBeHidden();
      expect((await entries(page))[0]).toMatchObject({ notes: "Tidy up", duration_seconds: 75 * 60 });
    });
  });
}
