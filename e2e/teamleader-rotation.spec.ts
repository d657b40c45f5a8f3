import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { createEmptyDatabase } from "../db/testing";
import { expect, test } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e } from "./support/config";
import { budget } from "./support/budget";
import { fakeTeamleaderEnv, startE2eFakeTeamleader } from "./support/fake-teamleader";
import { startServer, stintEnv, type StintServer } from "./support/server";
import type { FakeTeamleader } from "./fakes/teamleader";

// The rotation proof (issue 13): Teamleader's refresh tokens are single-use and rotate, so every process
// that holds a connection must refresh it in turn, never twice with the same token. Two app instances
// (their workers on) and two `stint sync run` processes share one PostgreSQL and one connection to a fake
// Teamleader whose access tokens live about a second; entries keep arriving through both instances' API
// until the fake counted at least 50 refreshes. Then: no refresh token used twice, no invalid_grant, the
// connection still active.

const PROOF_REFRESHES = 50;
const FAKE_PORT = e2e.port + 60;
const PORTS = [e2e.port + 61, e2e.port + 62];
const sharedKeys = { STINT_ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"), AUTH_SECRET: crypto.randomBytes(32).toString("hex") };

test.describe("Teamleader: one connection, four processes, rotating refresh tokens", () => {
  test.skip(!e2e.serverUrl, "Needs PostgreSQL (TEST_DATABASE_URL): only one process can open the embedded database's folder.");

  let fake: FakeTeamleader;
  let servers: StintServer[] = [];
  let workers: ChildProcess[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl: string;
  const folders: string[] = [];
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-tl-"));
    folders.push(dir);
    return dir;
  };

  test.beforeAll(async () => {
    test.setTimeout(budget.withServer * 2);
    fake = await startE2eFakeTeamleader(FAKE_PORT);
    ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl!, `stint_e2e_tl_${crypto.randomBytes(4).toString("hex")}`));
    // Every instance of one Stint shares its keys (the sealed credentials are read by all of them).
    const env = { ...fakeTeamleaderEnv(FAKE_PORT, fake.state), ...sharedKeys };
    servers = await Promise.all(PORTS.map((port) => startServer({ port, dataDir: folder(), databaseUrl, env })));
  });

  test.afterAll(async () => {
    // Each worker is `npm run` and the node process it starts, in a process group of their own: a SIGTERM
    // to npm alone never reached the worker, which outlived the suite.
    for (const w of workers) {
      try {
        if (w.pid) process.kill(-w.pid, "SIGTERM");
      } catch {
        // The group is gone already.
      }
    }
    await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((r) => w.once("exit", r)) : null)));
    await Promise.all(servers.map((s) => s.stop("SIGTERM")));
    await fake?.close();
    await dropDatabase?.();
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("≥50 refreshes across two instances and two sync workers: every refresh token used exactly once, no invalid_grant, nothing stopped", async ({ request }, testInfo) => {
    test.setTimeout(budget.withServer * 2);
    const where = { dataDir: folder(), databaseUrl };
    const email = `rotation-${crypto.randomBytes(3).toString("hex")}@example.com`;
    expect((await runCli(["user", "create", "--email", email, "--password", "rotation passphrase", "--name", "Rota Tion"], where)).code).toBe(0);
    const minted = await runCli(["token", "create", "--user", email, "--scopes", "read:projects,write:projects,read:time_entries,write:time_entries", "--json"], where);
    expect(minted.code, minted.stderr).toBe(0);
    const token = (JSON.parse(minted.stdout) as { token: string }).token;
    const auth = { Authorization: `Bearer ${token}` };

    const acme = fake.state.addCompany("Acme");
    const remote = fake.state.addProject({ title: "Rotation", customer: { type: "company", id: acme.id } });
    fake.state.config.accessTokenTtlSec = 1;
    const connected = await request.post(`${servers[0].url}/api/v1/integrations/providers/teamleader/connect`, { headers: auth, data: { refresh_token: fake.state.issueRefreshToken() } });
    expect(connected.status(), await connected.text()).toBe(201);
    const integrationId = ((await connected.json()) as { integration: { id: number } }).integration.id;
    // The instances' workers import the project next.
    let projectId = 0;
    await expect
      .poll(async () => {
        const list = (await (await request.get(`${servers[1].url}/api/v1/projects`, { headers: auth })).json()) as { projects: { id: number; name: string }[] };
        projectId = list.projects.find((p) => p.name === remote.title)?.id ?? 0;
        return projectId;
      }, { timeout: budget.background })
      .toBeGreaterThan(0);

    // Two `stint sync run` workers beside the instances' own, each with a data folder of its own.
    const workerEnv = { ...stintEnv(folder(), databaseUrl), ...fakeTeamleaderEnv(FAKE_PORT, fake.state), ...sharedKeys, npm_config_loglevel: "error" };
    workers = [0, 1].map(() => spawn("npm", ["run", "--silent", "stint", "--", "sync", "run"], { env: { ...workerEnv, STINT_DATA_DIR: folder() }, stdio: "ignore", detached: true }));

    // Entries keep arriving through both instances until the fake counted enough refreshes.
    let n = 0;
    const deadline = Date.now() + budget.withServer * 1.5;
    while (fake.state.rotationCounts().refreshes < PROOF_REFRESHES) {
      if (Date.now() > deadline) throw new Error(`Only ${fake.state.rotationCounts().refreshes} refreshes before the deadline`);
      const day = new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      // What the fake has seen, read BEFORE the entry is created: the instances push an entry as soon as it is
      // saved, and read after the answer this could already count the entry's own push, leaving nothing more
      // to wait for (CI: "Stalled after 50 entries", the 50th entry already in the fake).
      const seen = fake.state.timeEntries.length + fake.state.rotationCounts().refreshes;
      const created = await request.post(`${servers[n % 2].url}/api/v1/time-entries`, {
        headers: auth,
        data: { project_id: projectId, notes: `Rotation ${n}`, start_time: `${day}T09:00:00Z`, end_time: `${day}T09:30:00Z` },
      });
      expect(created.status(), await created.text()).toBe(201);
      n++;
      // Paced by the answer of the fake (not a sleep): wait until the fake saw this entry or a refresh.
      try {
        await expect.poll(() => fake.state.timeEntries.length + fake.state.rotationCounts().refreshes, { timeout: budget.background }).toBeGreaterThan(seen);
      } catch (error) {
        const events = await (await request.get(`${servers[0].url}/api/v1/integrations/${integrationId}/events`, { headers: auth })).text();
        console.log(`Stalled after ${n} entries: ${JSON.stringify(fake.state.rotationCounts())}\nfake requests: ${JSON.stringify(fake.state.requests.slice(-15))}\nevents: ${events.slice(0, 3000)}`);
        throw error;
      }
    }

    const counts = fake.state.rotationCounts();
    const integration = (await (await request.get(`${servers[0].url}/api/v1/integrations/${integrationId}`, { headers: auth })).json()) as { integration: { status: string; last_error: string | null } };
    const summary = { ...counts, entriesCreated: n, entriesInTeamleader: fake.state.timeEntries.length, duplicates: fake.state.timeEntries.length - new Set(fake.state.timeEntries.map((e) => e.description)).size, connection: integration.integration.status };
    console.log(`Teamleader rotation proof: ${JSON.stringify(summary)}`);
    testInfo.annotations.push({ type: "rotation counts", description: JSON.stringify(summary) });

    expect(counts.refreshes).toBeGreaterThanOrEqual(PROOF_REFRESHES);
    expect(counts.reuses).toBe(0);
    expect(counts.usedMoreThanOnce).toBe(0);
    // Every token issued was spent exactly once, except the one the connection holds now.
    expect(counts.usedOnce).toBe(counts.issued - 1);
    expect(integration.integration).toEqual(expect.objectContaining({ status: "active", last_error: null }));
    expect(new Set(fake.state.timeEntries.map((e) => e.description)).size).toBe(fake.state.timeEntries.length);
  });
});
