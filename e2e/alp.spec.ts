import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import type { FakeAlp } from "./fakes/alp";
import { expect, signIn, test } from "./fixtures";
import { budget } from "./support/budget";
import { e2e } from "./support/config";
import { startE2eFakeAlp } from "./support/fake-alp";

// ALP in the browser, against a fake ALP whose address the person types in the connect form: connect with
// a key, import matters, track time on one, see the entry synced and recorded in ALP exactly once.

let alp: FakeAlp;
test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait while another spec holds the fake's port
  alp = await startE2eFakeAlp(e2e.port + 56);
});
test.afterAll(async () => {
  await alp?.close();
});

const unique = (name: string) => `${name} ${crypto.randomBytes(3).toString("hex")}`;
const connections = (page: Page) => page.getByTestId("connection");

test("connect ALP with a key and the practice's address, track time on a matter: one ALP time entry, the entry Synced", async ({ page, user }) => {
  const me = alp.state.addUser({ email: user.email, name: "Pat Solicitor" });
  const matterName = unique("Smith v Jones");
  const matter = alp.state.addMatter({ name: matterName, number: "1001/26" });
  const outcome = alp.state.addOutcome(matter.id, "Pleadings");
  alp.state.addComponent(outcome.id, "Drafting");
  await signIn(page, user);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage integrations" }).click();
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  // Other providers take an API key too: ALP's own form.
  const form = page.getByTestId("provider-alp");
  // A wrong key: the form says why, nothing is connected.
  await form.getByLabel("API key").fill("alp_not_a_key");
  await form.getByLabel("API address").fill(alp.url);
  await form.getByRole("button", { name: "Connect ALP (practice management)" }).click();
  await expect(form.getByTestId("connect-error")).toContainText("ALP refused the API key");
  await expect(connections(page)).toHaveCount(0);

  await form.getByLabel("API key").fill(alp.state.issueKey(me.id));
  await form.getByLabel("API address").fill(alp.url);
  await form.getByRole("button", { name: "Connect ALP (practice management)" }).click();
  const connection = connections(page);
  await expect(connection).toHaveCount(1);
  await expect(connection.getByRole("heading", { name: `ALP at ${new URL(alp.url).host}` })).toBeVisible();
  // Connecting queued the first import; the worker runs it.
  const importedAt = async () => (await (await page.request.get("/api/v1/integrations")).json()).integrations[0]?.projects_imported_at ?? null;
  await expect.poll(importedAt, { timeout: budget.background }).not.toBeNull();
  await page.reload();
  await expect(connection.getByText(/^imported /)).toBeVisible();

  // The matter is a project in the picker, its component a task "Outcome › Component" (through the API here).
  const projects = await (await page.request.get(`/api/v1/projects?query=${encodeURIComponent(matterName)}`)).json();
  const project = projects.projects.find((p: { name: string }) => p.name === `1001/26 ${matterName}`);
  expect(project).toBeTruthy();
  const tasks = await (await page.request.get(`/api/v1/tasks?project_id=${project.id}`)).json();
  expect(tasks.tasks.map((t: { name: string }) => t.name)).toEqual(["Pleadings › Drafting"]);

  const notes = unique("Drafted statement of claim");
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
  const created = await page.request.post("/api/v1/time-entries", {
    data: { project_id: project.id, task_id: tasks.tasks[0].id, notes, start_time: new Date(end.getTime() - 90 * 60_000).toISOString(), end_time: end.toISOString() },
  });
  expect(created.status()).toBe(201);
  await page.getByRole("link", { name: "Timer" }).click();
  const row = page.getByTestId("entry-row").filter({ hasText: `1001/26 ${matterName}` });
  await expect(row.getByTestId("sync-badge")).toHaveText("Synced", { timeout: budget.background });
  const sent = alp.entries().filter((e) => e.description === notes);
  expect(sent).toEqual([expect.objectContaining({ matter_id: matter.id, outcome_id: outcome.id, user_id: me.id, minutes: 90, units: 15 })]);
});
