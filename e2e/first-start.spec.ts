import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, openDatabase } from "../db";
import { queryRows } from "../db/rows";
import { createEmptyDatabase } from "../db/testing";
import { expect, test } from "./fixtures";
import { budget } from "./support/budget";
import { e2e } from "./support/config";
import { spawnServer, waitUntilHealthy, type StintServer } from "./support/server";

// A newcomer's first start: an empty data folder (or an empty PostgreSQL database) becomes a working Stint,
// every migration applied, and the first account gets its personal workspace. On PGlite the folder starts as
// a copy of the migrated template (db/pglite-template.ts) instead of running initdb.
const PORT = e2e.port + 40;
const URL_BASE = `http://localhost:${PORT}`;

let dataDir: string;
let databaseUrl: string | undefined;
let server: StintServer | undefined;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-first-"));
  if (e2e.serverUrl) databaseUrl = (await createEmptyDatabase(e2e.serverUrl, `stint_e2e_first_${crypto.randomBytes(4).toString("hex")}`)).url;
});
test.afterAll(async () => {
  await server?.stop("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("an empty folder starts with every migration applied, and the first account gets its personal workspace", async ({ browser }) => {
  test.setTimeout(budget.withServer);
  const started = Date.now();
  server = spawnServer({ port: PORT, dataDir, databaseUrl });
  await waitUntilHealthy(server);
  test.info().annotations.push({ type: "first start", description: `${Date.now() - started} ms until healthy (load ${os.loadavg()[0].toFixed(1)})` });
  expect(server.output()).toContain("Stint ready");

  const context = await browser.newContext({ baseURL: URL_BASE, timezoneId: "Europe/Berlin", locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("Name").fill("Nora Newcomer");
  await page.getByLabel("Email").fill("nora@example.com");
  await page.getByLabel("Password").fill("nora's first passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Nora Newcomer");

  const { workspaces } = (await (await page.request.get("/api/v1/workspaces")).json()) as { workspaces: { name: string; role: string }[] };
  expect(workspaces).toHaveLength(1);
  expect(workspaces[0].role).toBe("owner");
  const start = await page.request.post("/api/v1/timer/start", { data: { notes: "First session" } });
  expect(start.status()).toBe(201);
  const status = (await (await page.request.get("/api/v1/timer/status")).json()) as { active: boolean; timer: { notes: string } };
  expect([status.active, status.timer.notes]).toEqual([true, "First session"]);
  await context.close();

  // Stopped, the database holds every migration of db/migrations (the template's and any newer).
  expect(await server.stop("SIGTERM")).toBe(0);
  server = undefined;
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const handle = openDatabase(databaseUrl ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, "pgdata") });
  try {
    const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(Number(n)).toBe(journal.entries.length);
    const entries = await queryRows<{ description: string }>(handle.db, sql`select description from time_entries`);
    expect(entries.map((e) => e.description)).toEqual(["First session"]);
  } finally {
    await handle.close();
  }
});
