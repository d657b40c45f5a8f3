import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { createEmptyDatabase } from "../db/testing";
import { readLock } from "../lib/runtime/lock";
import { createUser, expect, signIn, test, type TestUser } from "./fixtures";
import { e2e } from "./support/config";
import { spawnServer, waitUntilHealthy, type StintServer } from "./support/server";

// Restarts under traffic (issue 9, item 18). A browser and API clients write time entries over keep-alive
// connections; the server gets SIGTERM mid-stream while one write is deliberately in flight, and a new
// server starts on the same data folder (and port) at once. Every write that was acknowledged with a
// 2xx must be there afterwards, ten times over. Each restart is a test of its own (they share the
// servers and the record of acknowledged writes), so each stays well inside the one test timeout.
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 20;
const CYCLES = 10;
const URL_BASE = `http://localhost:${PORT}`;
// The stream is far above the default per-user limits, which are not what this tests.
const SERVER_ENV = { STINT_RATE_LIMIT_PER_MINUTE: "0", STINT_RATE_LIMIT_PER_HOUR: "0", STINT_SESSION_RATE_LIMIT_PER_MINUTE: "0" };

let dataDir: string;
let databaseUrl: string | undefined;
let server: StintServer;
let user: TestUser;
let token: string;
let context: BrowserContext;
let page: Page;
/** Every acknowledged write: entry id -> the notes it was created with. */
const acknowledged = new Map<number, string>();
/** Answers that were neither a 2xx nor a refused connection: a restart must not produce errors. */
const errors: string[] = [];
let apiSequence = 0;

/** Every server this spec started, so that none outlives it (a test that fails mid-restart leaves two). */
const spawned: StintServer[] = [];
const spawn = () => {
  const started = spawnServer({ port: PORT, dataDir, databaseUrl, env: SERVER_ENV });
  spawned.push(started);
  return started;
};

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-restart-"));
  if (e2e.serverUrl) databaseUrl = (await createEmptyDatabase(e2e.serverUrl, `stint_e2e_restart_${crypto.randomBytes(4).toString("hex")}`)).url;
  server = spawn();
  await waitUntilHealthy(server);
});

// A hook of its own (each hook has its own time): a first start on a fresh folder is slow on a busy machine.
test.beforeAll(async ({ browser }) => {
  user = await createUser("restart", { dataDir, databaseUrl });
  const login = await fetch(`${URL_BASE}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: user.email, password: user.password, client: "restart test" }),
  });
  expect(login.status).toBe(201);
  token = (await login.json()).token;
  context = await browser.newContext({ baseURL: URL_BASE });
  page = await context.newPage();
  await signIn(page, user);
});

test.afterAll(async () => {
  await context?.close();
  await Promise.all(spawned.map((s) => s.stop("SIGKILL")));
});

/** Entries far apart in the past, so that no rule about the present or overlaps gets in the way. */
const startTime = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 120_000).toISOString();

type Stream = { acknowledgedSince(): Promise<number>; stop(): Promise<void> };

/** Clients writing through the API with a token, each one request after another, over keep-alive connections. */
function apiStreams(label: string, count: number): Stream {
  let stopped = false;
  let acked = 0;
  const loops = Array.from({ length: count }, async () => {
    while (!stopped) {
      const n = apiSequence++;
      const notes = `${label} api ${n}`;
      try {
        const res = await fetch(`${URL_BASE}/api/v1/time-entries`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ notes, start_time: startTime(n), duration_seconds: 60 }),
        });
        const text = await res.text();
        if (res.ok) {
          acknowledged.set(JSON.parse(text).time_entry.id, notes);
          acked++;
        } else errors.push(`API ${res.status}: ${text.slice(0, 300)}`);
      } catch {
        // Refused or cut while the server changes: not acknowledged, so nothing is owed. A short pause
        // keeps the loop from spinning while nothing listens.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return {
    acknowledgedSince: async () => acked,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** The page's own fetch() with its session cookie: Chromium's keep-alive connections, as a person's browser holds them. */
async function browserStreams(label: string, count: number): Promise<Stream> {
  await page.evaluate(
    ({ label, count, offset }) => {
      const state = { stop: false, acked: [] as [number, string][], errors: [] as string[], loops: [] as Promise<void>[] };
      (window as unknown as { __stream: typeof state }).__stream = state;
      for (let k = 0; k < count; k++) {
        state.loops.push(
          (async () => {
            for (let n = 0; !state.stop; n++) {
              const notes = `${label} browser ${k}-${n}`;
              const start = new Date(Date.UTC(2020, 0, 1) + (offset + k * 5_000 + n) * 120_000).toISOString();
              try {
                const res = await fetch("/api/v1/time-entries", {
                  method: "POST",
                  headers: { "Content-Type": "application/json" },
                  body: JSON.stringify({ notes, start_time: start, duration_seconds: 60 }),
                });
                const text = await res.text();
                if (res.ok) state.acked.push([JSON.parse(text).time_entry.id, notes]);
                else state.errors.push(`browser ${res.status}: ${text.slice(0, 300)}`);
              } catch {
                await new Promise((resolve) => setTimeout(resolve, 20));
              }
            }
          })(),
        );
      }
    },
    { label, count, offset: Number(label.replace(/\D/g, "")) * 20_000 },
  );
  const collect = async () => {
    const { acked, errors: found } = await page.evaluate(() => {
      const s = (window as unknown as { __stream: { acked: [number, string][]; errors: string[] } }).__stream;
      return { acked: s.acked, errors: s.errors };
    });
    return { acked, found };
  };
  return {
    acknowledgedSince: async () => (await collect()).acked.length,
    stop: async () => {
      await page.evaluate(async () => {
        const s = (window as unknown as { __stream: { stop: boolean; loops: Promise<void>[] } }).__stream;
        s.stop = true;
        await Promise.all(s.loops);
      });
      const { acked, found } = await collect();
      for (const [id, notes] of acked) acknowledged.set(id, notes);
      errors.push(...found);
    },
  };
}

/**
 * A write held in flight: its headers are sent with `Expect: 100-continue`, and the server's
 * "100 Continue" says it has taken the request in; the body follows only when `finish` is called.
 */
function heldWrite(notes: string) {
  const body = JSON.stringify({ notes, start_time: startTime(apiSequence++), duration_seconds: 60 });
  const request = http.request(`${URL_BASE}/api/v1/time-entries`, {
    method: "POST",
    agent: false,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      Expect: "100-continue",
    },
  });
  const answered = new Promise<{ status: number; connection?: string; text: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, text }));
    });
    request.on("error", reject);
  });
  const taken = new Promise<void>((resolve) => request.once("continue", () => resolve()));
  request.flushHeaders();
  return {
    taken,
    finish: () => {
      request.end(body);
      return answered;
    },
  };
}

async function listEntries(): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let pageNo = 1; ; pageNo++) {
    const res = await fetch(`${URL_BASE}/api/v1/time-entries?per_page=100&page=${pageNo}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { time_entries: { id: number; notes: string | null }[]; pagination: { has_next: boolean } };
    for (const entry of body.time_entries) found.set(entry.id, entry.notes ?? "");
    if (!body.pagination.has_next) return found;
  }
}

for (let cycle = 1; cycle <= CYCLES; cycle++) {
  test(`restart ${cycle} of ${CYCLES}: SIGTERM during a stream of browser and API writes loses no acknowledged write`, async () => {
    const label = `cycle ${cycle}`;
    const api = apiStreams(label, 2);
    const browser = await browserStreams(label, 1);
    const total = async () => (await api.acknowledgedSince()) + (await browser.acknowledgedSince());
    await expect.poll(total, { message: "writes flow to the running server" }).toBeGreaterThanOrEqual(6);

    // One write is in flight when the signal arrives, and stays so until the new server is starting.
    const held = heldWrite(`${label} held`);
    await held.taken;
    const oldPid = databaseUrl ? undefined : readLock(dataDir)?.pid;
    const old = server;
    const oldExited = old.stop("SIGTERM");
    await expect.poll(() => old.output(), { message: "the old server took the signal" }).toMatch(/Stint is stopping \(SIGTERM\): finishing [1-9]\d* request\(s\) in flight/);
    const next = spawn();
    if (oldPid) {
      // The old server still holds the data folder (it is finishing the held write): the new one waits, and says so.
      await expect.poll(() => next.output(), { message: "the new server waits for the lock" }).toContain(`Waiting for the data folder lock held by pid ${oldPid}`);
      expect(readLock(dataDir)?.pid).toBe(oldPid);
    }
    const reply = await held.finish();
    expect(reply.status, reply.text).toBe(201);
    expect(reply.connection, "the last answer of a stopping server closes its connection").toBe("close");
    acknowledged.set(JSON.parse(reply.text).time_entry.id, `${label} held`);

    expect(await oldExited, old.output()).toBe(0);
    expect(old.output()).toContain("Stint stopped.");
    await waitUntilHealthy(next);
    server = next;
    expect(next.output()).not.toContain("could not start");
    if (oldPid) expect(readLock(dataDir)?.pid).not.toBe(oldPid);

    // The streams carry on against the new server.
    const before = await total();
    await expect.poll(total, { message: "writes flow to the new server" }).toBeGreaterThanOrEqual(before + 3);
    await Promise.all([api.stop(), browser.stop()]);

    const stored = await listEntries();
    const missing = [...acknowledged].filter(([id, notes]) => stored.get(id) !== notes);
    expect(missing, `acknowledged writes missing after restart ${cycle}`).toEqual([]);
    expect(errors, "answers other than success").toEqual([]);
  });
}
