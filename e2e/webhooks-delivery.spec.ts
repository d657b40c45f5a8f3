import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmptyDatabase } from "../db/testing";
import { createUser, expect, test } from "./fixtures";
import { budget } from "./support/budget";
import { e2e } from "./support/config";
import { spawnServer, waitUntilHealthy, type StintServer } from "./support/server";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";

// Webhooks end to end, on a server of this spec's own (its background worker sends them): a change made
// through the API arrives signed at a receiver; a server killed with SIGKILL right after the change was
// committed sends it after the restart, once.
test.describe.configure({ mode: "serial", timeout: budget.withServer });

const PORT = e2e.port + 25;
const BASE = `http://localhost:${PORT}`;
// The receiver listens on 127.0.0.1: this server may call private addresses.
const SERVER_ENV = { STINT_ALLOW_PRIVATE_URLS: "1" };

let dataDir: string;
let databaseUrl: string | undefined;
let server: StintServer;
let receiver: WebhookReceiver;
let token: string;
const spawned: StintServer[] = [];
const start = async () => {
  server = spawnServer({ port: PORT, dataDir, databaseUrl, env: SERVER_ENV });
  spawned.push(server);
  await waitUntilHealthy(server);
};

test.beforeAll(async () => {
  receiver = await startWebhookReceiver({ port: e2e.webhookReceiverPort });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-webhooks-"));
  if (e2e.serverUrl) databaseUrl = (await createEmptyDatabase(e2e.serverUrl, `stint_e2e_webhooks_${crypto.randomBytes(4).toString("hex")}`)).url;
  await start();
  const user = await createUser("webhooks", { dataDir, databaseUrl });
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: user.email, password: user.password, client: "webhooks e2e" }),
  });
  expect(login.status).toBe(201);
  token = (await login.json()).token;
});

test.afterAll(async () => {
  await Promise.all(spawned.map((s) => s.stop("SIGKILL")));
  await receiver?.close();
});

async function call(method: string, route: string, body?: unknown) {
  const res = await fetch(`${BASE}/api/v1${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

let webhookId: number;
let entryCount = 0;
const createEntry = (notes: string) => call("POST", "/time-entries", { notes, start_time: new Date(Date.UTC(2025, 2, 1, 9) + entryCount++ * 3_600_000).toISOString(), duration_seconds: 600 });

test("an entry created through the API arrives at the endpoint, signed with the endpoint's secret", async () => {
  const created = await call("POST", "/webhooks", { url: receiver.url("/e2e"), events: ["time_entry.created"], description: "e2e receiver" });
  expect(created.status, created.text).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  webhookId = created.body.webhook.id;
  receiver.setSecret("/e2e", created.body.secret);

  const entry = await createEntry("Sent to the receiver");
  expect(entry.status, entry.text).toBe(201);
  await expect.poll(() => receiver.deliveries("/e2e").length, { timeout: budget.background }).toBe(1);
  const [got] = receiver.deliveries("/e2e");
  expect(receiver.rejected).toEqual([]);
  expect(got).toMatchObject({ eventType: "time_entry.created", attempt: 1 });
  expect(got.body).toMatchObject({ type: "time_entry.created", data: { id: entry.body.time_entry.id, notes: "Sent to the receiver" } });

  // The sender's record, as the Settings page shows it.
  await expect
    .poll(async () => (await call("GET", `/webhooks/${webhookId}/deliveries`)).body.deliveries[0], { timeout: budget.background })
    .toMatchObject({ event_id: got.eventId, event: "time_entry.created", status: "succeeded", attempts: 1, response_status: 200 });
});

test("a server killed (SIGKILL) right after a change was committed delivers it after the restart, once", async () => {
  const before = receiver.deliveries("/e2e").length;
  const entry = await createEntry("Committed, then the server died");
  expect(entry.status, entry.text).toBe(201);
  await server.stop("SIGKILL");
  // The worker idles between rounds, so this usually dies before sending; if it did send, the receiver saw it.
  const sentBeforeKill = receiver.deliveries("/e2e").length - before;

  await start();
  await expect.poll(() => receiver.deliveries("/e2e").length - before, { timeout: budget.background }).toBeGreaterThanOrEqual(1);
  const arrivals = receiver.deliveries("/e2e").slice(before);
  expect(receiver.rejected).toEqual([]);
  expect(new Set(arrivals.map((d) => d.eventId)).size, "one event, whatever the attempts").toBe(1);
  expect(arrivals[0].body.data).toMatchObject({ id: entry.body.time_entry.id, notes: "Committed, then the server died" });
  if (sentBeforeKill === 0) expect(arrivals.map((d) => d.attempt), "sent once, by the new server").toEqual([1]);
  await expect
    .poll(async () => (await call("GET", `/webhooks/${webhookId}/deliveries`)).body.deliveries.find((d: { event_id: string }) => d.event_id === arrivals[0].eventId)?.status, {
      timeout: budget.background,
    })
    .toBe("succeeded");
});
