import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import type { FakeZoho } from "./fakes/zoho";
import { expect, signIn, test } from "./fixtures";
import { startE2eFakeZoho } from "./support/fake-zoho";
import { budget } from "./support/budget";

// Zoho Projects in the browser, against the fake Zoho the shared server is pointed at (e2e.fakeZohoPort):
// connect through its OAuth redirect, import projects, track time in one, see the entry synced.

let zoho: FakeZoho;
test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait while the API spec holds the fake's port
  zoho = await startE2eFakeZoho();
});
test.afterAll(async () => {
  await zoho?.close();
});

const unique = (name: string) => `${name} ${crypto.randomBytes(3).toString("hex")}`;
const nameField = (page: Page) => page.getByRole("textbox", { name: "What are you working on?" });
const connections = (page: Page) => page.getByTestId("connection");

/** Settings → Integrations → choose the EU data centre → Connect: back with the connection and its projects. */
async function connectZoho(page: Page) {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage integrations" }).click();
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  await expect(page.getByText("Nothing connected yet")).toBeVisible();
  await page.getByLabel("Data centre").selectOption("eu");
  await page.getByRole("button", { name: "Connect Zoho Projects" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\?connected=\d+/);
  const connection = connections(page);
  await expect(connection).toHaveCount(1);
  await expect(connection.getByRole("heading", { name: "Fake Works (Zoho Projects, EU)" })).toBeVisible();
  await expect(connection.getByText("Active", { exact: true })).toBeVisible();
  // The import was queued by the callback: its progress shows until the worker has finished it.
  await expect(connection.getByTestId("job-progress")).toContainText("Import finished", { timeout: budget.background });
  await expect(connection.getByText(/^imported /)).toBeVisible();
}

/** Starts a session in `project` with `notes`, backdates its start by `minutes`, and stops it. */
async function trackTime(page: Page, project: string, notes: string, minutes: number) {
  await page.getByRole("link", { name: "Timer" }).click();
  await page.getByRole("button", { name: /^Project:/ }).click();
  await page.getByRole("combobox", { name: "Choose project" }).fill(project);
  const option = page.getByRole("option", { name: new RegExp(project) });
  await expect(option.getByTestId("provider-mark")).toHaveText("Zoho");
  await option.click();
  await expect(page.getByRole("button", { name: `Project: ${project}` })).toBeVisible();
  if (notes) await nameField(page).fill(notes);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  // The Stop button shows at once (optimistic): wait until the server has the running session.
  const timerStatus = async () => (await page.request.get("/api/v1/timer/status")).json();
  await expect.poll(async () => (await timerStatus()).active).toBe(true);
  // Zoho takes whole minutes: start the running session earlier than now (an edit any user can make).
  const status = await timerStatus();
  expect(status.timer).toMatchObject({ notes, project });
  const start = new Date(Date.now() - minutes * 60_000).toISOString();
  const patched = await page.request.patch(`/api/v1/time-entries/${status.timer.id}`, { data: { start_time: start } });
  expect(patched.status()).toBe(200);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
  const entryNow = async () => (await (await page.request.get(`/api/v1/time-entries/${status.timer.id}`)).json()).time_entry;
  await expect.poll(async () => (await entryNow()).is_active).toBe(false);
  const entry = await entryNow();
  return entry as { id: number; start_time: string; end_time: string; duration_seconds: number; notes: string };
}

test.describe("Zoho Projects integration", () => {
  test("connect in the browser, pick a Zoho project in the timer, stop: the entry is synced to Zoho", async ({ page, user }) => {
    const project = unique("Website relaunch");
    zoho.state.addProject({ name: project });
    await signIn(page, user);
    await connectZoho(page);

    const notes = unique("Homepage wireframes");
    const entry = await trackTime(page, project, notes, 95);
    const row = page.getByTestId("entry-row").filter({ hasText: project });
    await expect(row.getByRole("textbox", { name: "Session name" })).toHaveValue(notes);
    await expect(row.getByTestId("sync-badge")).toHaveText("Synced", { timeout: budget.background });

    // The fake received exactly one log for it: the day in the portal's zone, hh:mm, the description.
    const logs = zoho.logs().filter((l) => l.notes === notes);
    expect(logs).toHaveLength(1);
    const minutes = Math.round((Date.parse(entry.end_time) - Date.parse(entry.start_time)) / 60_000);
    expect(logs[0]).toMatchObject({
      kind: "general",
      projectId: zoho.state.projects.find((p) => p.name === project)!.id,
      date: DateTime.fromISO(entry.start_time).setZone(zoho.state.defaultPortal.timeZone).toFormat("MM-dd-yyyy"),
      hours: Math.floor(minutes / 60),
      minutes: minutes % 60,
      billStatus: "Billable",
    });
    expect(minutes).toBeGreaterThanOrEqual(95);

    // The connection counts it, and its sync log says so.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Manage integrations" }).click();
    await expect(connections(page).getByTestId("entry-counts")).toContainText("1 synced");
    await connections(page).getByText("Sync log").click();
    await expect(connections(page).getByTestId("sync-event").first()).toBeVisible();
  });

  test("an entry without a description needs one; disconnecting keeps the project and its entries", async ({ page, user }) => {
    const project = unique("Support retainer");
    zoho.state.addProject({ name: project });
    await signIn(page, user);
    await connectZoho(page);

    await trackTime(page, project, "", 30);
    const row = page.getByTestId("entry-row").filter({ hasText: project });
    await expect(row.getByTestId("sync-badge")).toHaveText("Needs a description", { timeout: budget.background });
    expect(zoho.logs().filter((l) => l.projectId === zoho.state.projects.find((p) => p.name === project)!.id)).toHaveLength(0);

    // Disconnect: the confirmation says what stays; afterwards the project is a local one.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Manage integrations" }).click();
    await connections(page).getByRole("button", { name: /^Disconnect/ }).click();
    const dialog = page.getByRole("dialog", { name: "Disconnect Zoho Projects?" });
    await expect(dialog).toContainText("Your projects, tasks and entries stay in Stint");
    await dialog.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByText("Nothing connected yet")).toBeVisible();

    const projects = (await (await page.request.get(`/api/v1/projects?query=${encodeURIComponent(project)}`)).json()).projects;
    expect(projects).toHaveLength(1);
    expect(projects[0]).toMatchObject({ name: project, integration: null });
    const entries = (await (await page.request.get("/api/v1/time-entries")).json()).time_entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ project, notes: "" });
    await page.getByRole("link", { name: "Timer" }).click();
    await expect(page.getByTestId("entry-row").filter({ hasText: project })).toBeVisible();
    await expect(page.getByTestId("sync-badge")).toHaveCount(0);
  });

  test("an entry Zoho refuses shows Failed with the reason; Retry sends it once it can go", async ({ page, user }) => {
    const project = unique("Maintenance");
    const remote = zoho.state.addProject({ name: project });
    await signIn(page, user);
    await connectZoho(page);

    // Someone removes the project in Zoho after it was imported: Zoho refuses logs for it (404).
    zoho.state.projects = zoho.state.projects.filter((p) => p !== remote);
    const notes = unique("Server patching");
    try {
      await trackTime(page, project, notes, 20);
      const badge = page.getByTestId("entry-row").filter({ hasText: project }).getByTestId("sync-badge");
      await expect(badge).toContainText("Failed:", { timeout: budget.background });
      await expect(badge).toContainText("does not exist");
      expect(zoho.logs().filter((l) => l.notes === notes)).toEqual([]);
    } finally {
      zoho.state.projects.push(remote);
    }

    // The project is back: Retry sends the entry, exactly once.
    const row = page.getByTestId("entry-row").filter({ hasText: project });
    await row.getByRole("button", { name: "Retry sending this entry to Zoho" }).click();
    await expect(row.getByTestId("sync-badge")).toHaveText("Synced", { timeout: budget.background });
    expect(zoho.logs().filter((l) => l.notes === notes)).toHaveLength(1);
  });

  test("a failed connect comes back with the reason; the page works without a connection", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/api/integrations/zoho-projects/callback?code=forged&state=nope");
    await expect(page).toHaveURL(/\/settings\/integrations\?error=/);
    await expect(page.getByTestId("connect-error")).toContainText("was not started here");
    await expect(page.getByText("Nothing connected yet")).toBeVisible();
  });
});
