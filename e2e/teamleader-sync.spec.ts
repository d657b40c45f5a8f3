import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { createEmptyDatabase } from "../db/testing";
import { createUser, expect, test } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e } from "./support/config";
import { budget } from "./support/budget";
import { fakeTeamleaderEnv, startE2eFakeTeamleader } from "./support/fake-teamleader";
import { startServer, type StintServer } from "./support/server";
import type { FakeTeamleader } from "./fakes/teamleader";

// Teamleader Focus two-way sync as a person sees it (issue 13), on a Stint server of this spec's own pointed
// at the fake Teamleader: an import job shows its phases through the API, time booked in Teamleader comes
// back marked "From Teamleader", and an entry locked in Teamleader says "Locked in Teamleader" instead of
// being retried.

const FAKE_PORT = e2e.port + 54;
const PORT = e2e.port + 55;

type Job = { id: number; status: string; phase: string | null; done: number; total: number | null; message: string | null };
type SyncState = { entry_id: number; state: string; reason: string | null; pulled: boolean };

test.describe("Teamleader Focus: import phases, pulled and locked entries", () => {
  let fake: FakeTeamleader;
  let server: StintServer;
  let dropDatabase: (() => Promise<void>) | undefined;
  let where: { dataDir: string; databaseUrl?: string };

  test.beforeAll(async () => {
    test.setTimeout(budget.withServer);
    fake = await startE2eFakeTeamleader(FAKE_PORT);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-tls-"));
    let databaseUrl: string | undefined;
    if (e2e.serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl, `stint_e2e_tls_${crypto.randomBytes(4).toString("hex")}`));
    where = { dataDir, databaseUrl };
    server = await startServer({ port: PORT, dataDir, databaseUrl, env: fakeTeamleaderEnv(FAKE_PORT, fake.state) });
  });

  test.afterAll(async () => {
    await server?.stop("SIGTERM");
    await fake?.close();
    await dropDatabase?.();
    if (where) fs.rmSync(where.dataDir, { recursive: true, force: true });
  });

  test("the import job reports its phases; a Teamleader entry shows 'From Teamleader', a locked one 'Locked in Teamleader'; a project's work type is chosen on the connection", async ({ page, request }) => {
    test.setTimeout(budget.withServer);
    const user = await createUser("teamleader", where);
    const minted = await runCli(["token", "create", "--user", user.email, "--scopes", "read:projects,write:projects,read:time_entries,write:time_entries", "--json"], where);
    expect(minted.code, minted.stderr).toBe(0);
    const auth = { Authorization: `Bearer ${(JSON.parse(minted.stdout) as { token: string }).token}` };
    const api = (p: string) => `${server.url}/api/v1${p}`;

    const acme = fake.state.addCompany("Acme");
    const remote = fake.state.addProject({ title: "Website", customer: { type: "company", id: acme.id } });
    const design = fake.state.addTask(remote.id, { title: "Design" });
    const connected = await request.post(api("/integrations/providers/teamleader/connect"), { headers: auth, data: { refresh_token: fake.state.issueRefreshToken() } });
    expect(connected.status(), await connected.text()).toBe(201);
    const id = ((await connected.json()) as { integration: { id: number } }).integration.id;

    const runJob = async (kind: "import" | "sync") => {
      const started = await request.post(api(`/integrations/${id}/${kind}`), { headers: auth });
      expect(started.status(), await started.text()).toBe(202);
      const jobId = ((await started.json()) as { job: Job }).job.id;
      let job: Job | undefined;
      await expect
        .poll(async () => {
          job = ((await (await request.get(api(`/integrations/${id}/jobs/${jobId}`), { headers: auth })).json()) as { job: Job }).job;
          return job.status;
        }, { timeout: budget.background })
        .toBe("succeeded");
      return job!;
    };
    // Projects, the tasks of the one project, then Teamleader's users matched to the members: three steps.
    const imported = await runJob("import");
    expect(imported).toMatchObject({ phase: "done", done: 3, total: 3, message: "Imported 1 projects and 1 tasks. Matched 1 of 1 members." });

    const projects = ((await (await request.get(api("/projects"), { headers: auth })).json()) as { projects: { id: number; name: string }[] }).projects;
    const projectId = projects.find((p) => p.name === "Website")!.id;

    // Within this week and far from midnight (Stint's zone is UTC here, Teamleader's user Brussels).
    let base = DateTime.utc().minus({ hours: 3 }).startOf("hour");
    if (base.hour < 2 || base.hour > 20) base = base.minus({ days: base.weekday > 1 ? 1 : 0 }).set({ hour: 12 });
    fake.state.addTime({ userId: fake.state.me.id, workTypeId: null, startedAt: base.toISO()!, duration: 1800, description: "Booked in Teamleader", subject: { type: "nextgenTask", id: design.id }, invoiceable: true });
    const mine = await request.post(api("/time-entries"), {
      headers: auth,
      data: { project_id: projectId, notes: "Sent from Stint", start_time: base.plus({ hours: 1 }).toISO(), end_time: base.plus({ hours: 1, minutes: 30 }).toISO() },
    });
    expect(mine.status(), await mine.text()).toBe(201);
    const mineId = ((await mine.json()) as { time_entry: { id: number } }).time_entry.id;

    const synced = await runJob("sync");
    expect(synced.phase).toBe("done");
    // The new Stint entry goes out once: by this job, or already by the worker that pushes changes as they
    // happen (on a busy machine it can win the race; the job then pulls it back as a known change, not a new one).
    expect(synced.message).toMatch(/Pulled (1 remote change|2 remote changes): 1 added\. Pushed [01] entries\.$/);
    expect(fake.state.timeEntries.filter((e) => e.description === "Sent from Stint")).toHaveLength(1);
    const states = async (ids: number[]) =>
      ((await (await request.get(api(`/integrations/entries?entry_ids=${ids.join(",")}`), { headers: auth })).json()) as { entries: SyncState[] }).entries;
    expect(await states([mineId])).toMatchObject([{ state: "synced", pulled: false }]);

    // Past Teamleader's freeze window: the edit is held with the reason, not retried.
    fake.state.timeEntries.find((e) => e.description === "Sent from Stint")!.locked = true;
    const edited = await request.patch(api(`/time-entries/${mineId}`), { headers: auth, data: { notes: "Edited after the freeze" } });
    expect(edited.status(), await edited.text()).toBe(200);
    await expect.poll(async () => (await states([mineId]))[0], { timeout: budget.background }).toMatchObject({ state: "incomplete", reason: expect.stringMatching(/^Locked in Teamleader/) });

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
    await page.goto(`${server.url}/`);
    // A row is found by its session name (an input: its value is not the row's text).
    const row = (text: string) => page.getByTestId("entry-row").filter({ has: page.getByRole("textbox", { name: new RegExp(`“${text}”`) }) });
    await expect(row("Booked in Teamleader").getByTestId("sync-badge")).toHaveText("From Teamleader");
    await expect(row("Edited after the freeze").getByTestId("sync-badge")).toHaveText("Locked in Teamleader");
    await expect(row("Edited after the freeze").getByTestId("sync-badge")).toHaveAttribute("title", /^Locked in Teamleader \(past its freeze window\)/);
    // Held: no Retry button (nothing would come of it).
    await expect(row("Edited after the freeze").getByRole("button", { name: /Retry/ })).toHaveCount(0);

    // Work types: the connection's default (chosen when connecting: the account's first), a project's override.
    await page.goto(`${server.url}/settings/integrations`);
    const card = page.getByTestId("connection").filter({ has: page.getByRole("heading", { name: /Teamleader account/ }) });
    await card.getByTestId("work-types").locator("summary").click();
    await expect(card.getByLabel("Default work type")).toHaveValue(fake.state.workTypes[0].id);
    const website = card.getByLabel("Website", { exact: true });
    await expect(website).toHaveValue("");
    await expect(website.locator("option").first()).toHaveText(`Default (${fake.state.workTypes[0].name})`);
    const meeting = fake.state.workTypes.find((w) => w.name === "Meeting")!;
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/integrations/${id}`) && r.request().method() === "PATCH");
    await website.selectOption({ label: "Meeting" });
    expect((await saved).status()).toBe(200);
    const integration = ((await (await request.get(api(`/integrations/${id}`), { headers: auth })).json()) as { integration: { work_types: { projects: { project_id: number; work_type_id: string | null }[] } } }).integration;
    expect(integration.work_types.projects).toEqual([{ project_id: projectId, name: "Website", work_type_id: meeting.id }]);
    // The next entry of that project is booked with it.
    const next = await request.post(api("/time-entries"), {
      headers: auth,
      data: { project_id: projectId, notes: "With the override", start_time: base.plus({ hours: 2 }).toISO(), end_time: base.plus({ hours: 2, minutes: 15 }).toISO() },
    });
    expect(next.status(), await next.text()).toBe(201);
    await expect.poll(() => fake.state.timeEntries.find((e) => e.description === "With the override")?.workTypeId, { timeout: budget.background }).toBe(meeting.id);
  });
});
