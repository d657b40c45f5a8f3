import type { Page } from "@playwright/test";
import { createUser, expect, hydrated, signIn, test } from "./fixtures";

const nameField = (page: Page) => page.getByRole("textbox", { name: "What are you working on?" });
const clockSeconds = async (page: Page) => {
  const [h, m, s] = (await page.getByTestId("timer-clock").innerText()).split(":").map(Number);
  return h * 3600 + m * 60 + s;
};

test.describe("the timer", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
  });

  test("start a session, name it while it runs, stop it: it is saved and listed", async ({ page }) => {
    await expect(page.getByText("No sessions this week yet")).toBeVisible();
    await nameField(page).fill("Write the proposal");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    await expect.poll(() => clockSeconds(page)).toBeGreaterThanOrEqual(2);
    await expect(page).toHaveTitle(/^0:00:\d\d · Write the proposal · Stint$/);

    await nameField(page).fill("Write the proposal for Acme");
    await nameField(page).press("Enter");
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer?.notes).toBe("Write the proposal for Acme");

    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    await expect(page.getByTestId("week-total")).toContainText(/This week: 0:00:0\d/);
    const today = page.getByRole("region", { name: "Today" });
    await expect(today.getByRole("textbox", { name: "Session name" })).toHaveValue("Write the proposal for Acme");
    const list = await (await page.request.get("/api/v1/time-entries")).json();
    expect(list.time_entries).toHaveLength(1);
    expect(list.time_entries[0]).toMatchObject({ notes: "Write the proposal for Acme", is_active: false, source: "timer" });
    expect(list.time_entries[0].duration_seconds).toBeGreaterThanOrEqual(2);
    await expect(page).toHaveTitle("Timer · Stint");
  });

  test("keyboard: N focuses the name field, S starts and stops", async ({ page }) => {
    await hydrated(page, "#timer-name");
    await page.keyboard.press("n");
    await expect(nameField(page)).toBeFocused();
    await page.keyboard.type("Keyboard only");
    await nameField(page).blur();
    await page.keyboard.press("s");
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer?.notes).toBe("Keyboard only");
    await page.keyboard.press("s");
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(false);
  });

  test("project, tags and billable go with the session; a project can be created from the timer", async ({ page }) => {
    await nameField(page).fill("Client call");
    await page.getByRole("button", { name: /^Project:/ }).click();
    await page.getByRole("combobox", { name: "Choose project" }).fill("Acme website");
    await page.getByRole("option", { name: "Create project “Acme website”" }).click();
    await expect(page.getByRole("button", { name: "Project: Acme website" })).toBeVisible();
    await page.getByRole("button", { name: /^Tags:/ }).click();
    await page.getByRole("combobox", { name: "Choose tags" }).fill("calls");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Tags: calls" })).toBeVisible();
    // New projects are billable by default; switch it off for this session.
    await expect(page.getByRole("button", { name: "Billable" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Billable" }).click();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(true);
    const status = await (await page.request.get("/api/v1/timer/status")).json();
    expect(status.timer).toMatchObject({ notes: "Client call", project: "Acme website", tag_list: ["calls"], billable: false });
    // Changed while it runs: saved at once.
    await page.getByRole("button", { name: "Billable" }).click();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer.billable).toBe(true);
  });

  test("a project with a new client, and a task, can be created from the timer", async ({ page }) => {
    await page.getByRole("button", { name: /^Project:/ }).click();
    await page.getByRole("button", { name: "New project with a client…" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Project name").fill("Mobile app");
    await dialog.getByLabel("Client", { exact: true }).selectOption({ label: "+ New client…" });
    await dialog.getByLabel("New client's name").fill("Globex");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Project: Mobile app" })).toContainText("Globex");

    await page.getByRole("button", { name: "Task: none" }).click();
    await page.getByRole("combobox", { name: "Choose task" }).fill("Login screen");
    await page.getByRole("option", { name: "Create task “Login screen”" }).click();
    await expect(page.getByRole("button", { name: "Task: Login screen" })).toBeVisible();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer?.task).toBe("Login screen");
    const status = await (await page.request.get("/api/v1/timer/status")).json();
    expect(status.timer).toMatchObject({ project: "Mobile app", client: "Globex", task: "Login screen" });
  });

  test("continue on a past session starts a new one with its name, project and tags, stopping the running one", async ({ page }) => {
    const project = (await (await page.request.post("/api/v1/projects", { data: { name: "Research" } })).json()).project;
    await page.request.post("/api/v1/time-entries", {
      data: { notes: "Read papers", project_id: project.id, tags: ["reading"], start_time: new Date(Date.now() - 3 * 3600_000).toISOString(), end_time: new Date(Date.now() - 2 * 3600_000).toISOString() },
    });
    await page.request.post("/api/v1/timer/start", { data: { notes: "Something else" } });
    await page.reload();
    await expect(nameField(page)).toHaveValue("Something else");
    await page.getByRole("button", { name: "Continue “Read papers”" }).click();
    await expect(nameField(page)).toHaveValue("Read papers");
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer?.notes).toBe("Read papers");
    const status = await (await page.request.get("/api/v1/timer/status")).json();
    expect(status.timer).toMatchObject({ project: "Research", tag_list: ["reading"] });
    const all = (await (await page.request.get("/api/v1/time-entries?include_active=true")).json()).time_entries;
    expect(all.filter((e: { is_active: boolean }) => e.is_active)).toHaveLength(1);
    const stopped = all.find((e: { notes: string }) => e.notes === "Something else");
    expect(stopped.end_time).toBe(status.timer.start_time); // stopped at the very instant the new one started
  });

  test("a timer started by mistake can be discarded; its start can be moved earlier", async ({ page }) => {
    await nameField(page).fill("Oops");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(true);
    await page.getByTestId("timer-clock").click();
    const dialog = page.getByRole("dialog", { name: "Edit running session" });
    // It started 45 minutes earlier than the click: move the start.
    const earlier = new Date(Date.now() - 45 * 60_000);
    await dialog.getByLabel("Start date").fill(earlier.toISOString().slice(0, 10));
    await dialog.getByLabel("Start time").fill(earlier.toISOString().slice(11, 16));
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => clockSeconds(page)).toBeGreaterThanOrEqual(44 * 60);

    await page.getByTestId("timer-clock").click();
    await page.getByRole("dialog", { name: "Edit running session" }).getByRole("button", { name: "Discard timer" }).click();
    await expect(page.getByText("Timer discarded: nothing was saved.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    expect((await (await page.request.get("/api/v1/time-entries?include_active=true")).json()).time_entries).toEqual([]);
  });

  test("a refused start rolls back with a message", async ({ page }) => {
    await page.route("**/api/v1/timer/start", (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "Down for maintenance.", message: "Down for maintenance.", error_code: "unavailable" }) }),
    );
    // A Start pressed before the page's scripts ran has tests of its own (timer-ux.spec.ts); this one is the rollback.
    await hydrated(page, "#timer-name");
    await nameField(page).fill("Doomed");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect(page.getByText("The timer did not start: Down for maintenance.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    expect((await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(false);
  });

  test("a session left running asks “Still working?” and can be stopped at a chosen time", async ({ page }) => {
    // The user's threshold is 10 hours by default; this one started 11 hours ago. Times are UTC for this user.
    const started = new Date(Date.now() - 11 * 3600_000);
    started.setUTCSeconds(0, 0);
    await page.request.post("/api/v1/time-entries", { data: { notes: "Forgotten", start_time: started.toISOString() } });
    await page.reload();
    const banner = page.getByRole("region", { name: "Still working?" });
    await expect(banner).toContainText(/This timer has been running for 11:0\d:\d\d/);
    await banner.getByRole("button", { name: "No, stop it at…" }).click();
    const stopAt = new Date(started.getTime() + 2 * 3600_000);
    await banner.getByLabel("Stop at").fill(stopAt.toISOString().slice(0, 16));
    await banner.getByRole("button", { name: "Stop at this time" }).click();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    const entry = (await (await page.request.get("/api/v1/time-entries")).json()).time_entries[0];
    expect(entry).toMatchObject({ notes: "Forgotten", duration_seconds: 7200, end_time: stopAt.toISOString().replace(/\.\d{3}Z$/, ".000Z") });
  });

  test("“Yes, keep it running” dismisses the question for that session", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Long haul", start_time: new Date(Date.now() - 12 * 3600_000).toISOString() } });
    await page.reload();
    await page.getByRole("region", { name: "Still working?" }).getByRole("button", { name: "Yes, keep it running" }).click();
    await expect(page.getByRole("region", { name: "Still working?" })).toHaveCount(0);
    await page.reload();
    await expect(nameField(page)).toHaveValue("Long haul");
    await expect(page.getByRole("region", { name: "Still working?" })).toHaveCount(0);
  });
});

test("the running session survives closing the browser, and two tabs agree without a reload", async ({ browser }) => {
  const user = await createUser("tabs");
  const first = await browser.newContext();
  const tab1 = await first.newPage();
  await signIn(tab1, user);
  const tab2 = await first.newPage();
  await tab2.goto("/");
  await expect(tab2.getByRole("button", { name: "Start", exact: true })).toBeVisible();

  await nameField(tab1).fill("Across tabs");
  await tab1.getByRole("button", { name: "Start", exact: true }).click();
  // The other tab learns of it within a few seconds, without a reload.
  await expect(tab2.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect(nameField(tab2)).toHaveValue("Across tabs");
  await expect.poll(() => clockSeconds(tab1)).toBeGreaterThanOrEqual(2);
  const before = await clockSeconds(tab1);
  await first.close();

  // A new browser (new cookies): sign in again and the same session is still running, with its elapsed time.
  const second = await browser.newContext();
  const page = await second.newPage();
  await signIn(page, user);
  await expect(nameField(page)).toHaveValue("Across tabs");
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  expect(await clockSeconds(page)).toBeGreaterThanOrEqual(before);
  await second.close();
});
