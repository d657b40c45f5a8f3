import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmptyDatabase } from "../db/testing";
import { expect, signIn, test } from "./fixtures";
import { runCliProcess } from "./support/cli";
import { e2e } from "./support/config";
import { spawnServer, waitUntilHealthy, type StintServer } from "./support/server";

// These tests run their own servers (the shared one must stay up), each on a fresh data folder and,
// when TEST_DATABASE_URL is set, a fresh PostgreSQL database.
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 10;
let dataDir: string;
let databaseUrl: string | undefined;
const running: StintServer[] = [];

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-life-"));
  if (e2e.serverUrl) databaseUrl = (await createEmptyDatabase(e2e.serverUrl, `stint_e2e_life_${crypto.randomBytes(4).toString("hex")}`)).url;
});
// The first start on a fresh folder (initdb, migrations) is the slow one, very slow on a busy machine:
// it happens here, in a hook with its own time, so that the tests' own starts are ordinary restarts.
test.beforeAll(async () => {
  await stop(await start());
});
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop("SIGKILL")));
});

async function start(): Promise<StintServer> {
  // Recorded before it is healthy: a test that times out while it starts must not leave it running.
  const server = spawnServer({ port: PORT, dataDir, databaseUrl });
  running.push(server);
  await waitUntilHealthy(server);
  return server;
}
async function stop(server: StintServer, signal: NodeJS.Signals = "SIGTERM") {
  await server.stop(signal);
  running.splice(running.indexOf(server), 1);
}

test("users, data and sessions survive a restart and a crash", async ({ browser }) => {
  let server = await start();
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("Name").fill("Persistent Pat");
  await page.getByLabel("Email").fill("pat@example.com");
  await page.getByLabel("Password").fill("pat's passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Persistent Pat");
  await page.getByRole("textbox", { name: "What are you working on?" }).fill("Survives restarts");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(true);
  const startedAt = (await (await page.request.get("/api/v1/timer/status")).json()).timer.start_time;

  // A clean stop, then start again: the session cookie (signed with the generated secret) still works,
  // and the timer still runs from the same start.
  await stop(server, "SIGTERM");
  server = await start();
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Persistent Pat");
  await expect(page.getByRole("textbox", { name: "What are you working on?" })).toHaveValue("Survives restarts");
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  const status = await (await page.request.get("/api/v1/timer/status")).json();
  expect(status.timer.start_time).toBe(startedAt);
  expect(status.timer.duration_seconds).toBeGreaterThanOrEqual(Math.floor((Date.now() - Date.parse(startedAt)) / 1000) - 2);

  // A crash (kill -9, a power cut): the embedded database recovers, the stale lock is taken over.
  await stop(server, "SIGKILL");
  server = await start();
  const fresh = await browser.newContext({ baseURL: server.url });
  const again = await fresh.newPage();
  await signIn(again, { email: "pat@example.com", password: "pat's passphrase" });
  await expect(again.getByTestId("signed-in-as")).toHaveText("Persistent Pat");
  await expect(again.getByRole("textbox", { name: "What are you working on?" })).toHaveValue("Survives restarts");
  expect((await (await again.request.get("/api/v1/timer/status")).json()).timer.start_time).toBe(startedAt);
  await context.close();
  await fresh.close();
});

test("the CLI works while the server runs and while it is stopped", async ({ browser }) => {
  let server = await start();
  // The real command, as a person types it.
  const email = (label: string) => `${label}-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const make = async (label: string) => {
    const user = { email: email(label), password: "cli passphrase", name: `CLI ${label}` };
    const run = await runCliProcess(["user", "create", "--email", user.email, "--password", user.password, "--name", user.name], { dataDir, databaseUrl });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^Created user ${user.email} \\(id \\d+\\)\\n$`));
    return user;
  };
  const whileRunning = await make("running");
  await stop(server);
  const whileStopped = await make("stopped");
  const taken = await runCliProcess(["user", "create", "--email", whileStopped.email, "--password", "whatever passphrase", "--name", "X"], { dataDir, databaseUrl });
  expect(taken.code).toBe(1);
  expect(taken.stderr).toContain("An account with this email already exists.");

  server = await start();
  // While running, the CLI talks to the server: both users exist, and a token can be made for one.
  const token = await runCliProcess(["token", "create", "--user", whileStopped.email, "--scopes", "read:projects"], { dataDir, databaseUrl });
  expect(token.code).toBe(0);
  expect(token.stdout).toMatch(/^tt_[A-Za-z0-9]{32}\n$/);
  for (const user of [whileRunning, whileStopped]) {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signIn(page, user);
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
    await context.close();
  }
});

test("a second server on the same data folder waits for the lock, then refuses to start, and the first keeps serving", async () => {
  test.skip(Boolean(databaseUrl), "The lock guards the embedded database; PostgreSQL serves many instances.");
  const first = await start();
  const second = spawnServer({ port: PORT + 1, dataDir, env: { STINT_LOCK_WAIT_MS: "1500" } });
  running.push(second);
  const code = await second.exited;
  expect(code).not.toBe(0);
  expect(second.output()).toMatch(/Waiting for the data folder lock held by pid \d+ \(up to 2 s, STINT_LOCK_WAIT_MS\)/);
  expect(second.output()).toContain(`The data folder ${dataDir} is in use by another Stint process`);
  expect(second.output()).toContain("set STINT_DATA_DIR to another folder");
  const health = await fetch(`${first.url}/api/v1/health`);
  expect(health.status).toBe(200);
});

test("a server that cannot start says why in one line, without a stack or the database password", async () => {
  const broken = spawnServer({ port: PORT + 2, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-broken-")), databaseUrl: "postgres://stint:s3cret-pass@127.0.0.1:1/stint" });
  running.push(broken);
  expect(await broken.exited).toBe(1);
  const output = broken.output();
  expect(output).toMatch(/^Stint could not start: the database cannot be reached \(ECONNREFUSED\)$/m);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain("s3cret-pass");
});
