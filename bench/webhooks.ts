// Webhooks under load: `npm run bench:webhooks` (after `npm run build`). See README.md, "Webhook deliveries".
//
// Starts `next start` (its background worker sends the webhooks) on a fresh PostgreSQL database (or, with
// --pglite, an embedded one in a temporary folder) and a local receiver that verifies every signature. Then:
//   1. POST /time-entries by a user whose workspace has no webhook (the baseline);
//   2. 1,000 entries by a user whose workspace has 3 endpoints: 3,000 deliveries; the time until all arrived;
//   3. the baseline again (the machine may have changed meanwhile).
// It checks that every (endpoint, entry) arrived, each with one event id, signed, and prints p50/p95/p99 of
// POST /time-entries with and without the endpoints.
//
// Environment: BENCH_DATABASE_URL (a server whose role may CREATE DATABASE), BENCH_PORT (default 3200; the
// receiver listens on BENCH_PORT + 53), BENCH_WEBHOOK_ENTRIES (default 1000), BENCH_CONNECTIONS (default 4).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmptyDatabase } from "../db/testing";
import { runCli } from "../lib/cli/run";
import { startWebhookReceiver } from "../e2e/support/webhook-receiver";
import { config } from "./config";

const root = path.resolve(__dirname, "..");
const pglite = process.argv.includes("--pglite");
const port = Number(process.env.BENCH_PORT || 3200);
const entries = Number(process.env.BENCH_WEBHOOK_ENTRIES || 1000);
const connections = Number(process.env.BENCH_CONNECTIONS || 4);
const baseUrl = `http://127.0.0.1:${port}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50).toFixed(1), p95: percentile(s, 95).toFixed(1), p99: percentile(s, 99).toFixed(1) };
};

async function waitForHealth(child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited; output in ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy; output in ${logFile}`);
}

async function userToken(target: { dataDir: string; databaseUrl?: string }, label: string): Promise<string> {
  const email = `bench-${label}-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const password = `pass ${crypto.randomBytes(6).toString("hex")}`;
  const created = await runCli(target, ["user", "create", "--email", email, "--password", password, "--name", `Bench ${label}`, "--json"]);
  if (created.exitCode !== 0) throw new Error(`user create failed: ${created.stderr}`);
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password, client: "bench" }) });
  if (res.status !== 201) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

let slot = 0;
/** `count` POST /time-entries over `connections` parallel clients; each request's latency in ms. */
async function postEntries(token: string, count: number, label: string): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const n = next++;
        const start = new Date(Date.UTC(2024, 0, 1) + slot++ * 120_000).toISOString();
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}/api/v1/time-entries`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ notes: `${label} ${n}`, start_time: start, duration_seconds: 60 }),
        });
        const text = await res.text();
        latencies.push(performance.now() - t0);
        if (res.status !== 201) throw new Error(`POST /time-entries: ${res.status} ${text}`);
      }
    }),
  );
  return latencies;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-bench-webhooks-"));
  const db = pglite ? undefined : await createEmptyDatabase(config.serverUrl, `stint_bench_webhooks_${crypto.randomBytes(4).toString("hex")}`);
  const target = { dataDir, databaseUrl: db?.url };
  const receiver = await startWebhookReceiver({ port: port + 53 });
  const logFile = path.join(os.tmpdir(), `stint-bench-webhooks-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    STINT_DATA_DIR: dataDir,
    STINT_ALLOW_PRIVATE_URLS: "1",
    STINT_RATE_LIMIT_PER_MINUTE: "0",
    STINT_RATE_LIMIT_PER_HOUR: "0",
    STINT_SESSION_RATE_LIMIT_PER_MINUTE: "0",
  };
  delete env.DATABASE_URL;
  if (db) env.DATABASE_URL = db.url;
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  try {
    await waitForHealth(child, logFile);
    console.log(`Database: ${pglite ? "PGlite (embedded)" : "PostgreSQL"}; ${entries} entries; ${connections} clients; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs)`);
    const plain = await userToken(target, "plain");
    const hooked = await userToken(target, "hooked");
    for (const p of ["/a", "/b", "/c"]) {
      const res = await fetch(`${baseUrl}/api/v1/webhooks`, {
        method: "POST",
        headers: { Authorization: `Bearer ${hooked}`, "Content-Type": "application/json" },
        body: JSON.stringify({ url: receiver.url(p), events: ["*"], description: `bench ${p}` }),
      });
      if (res.status !== 201) throw new Error(`POST /webhooks: ${res.status} ${await res.text()}`);
      receiver.setSecret(p, (await res.json()).secret);
    }
    await postEntries(plain, 50, "warm-up");
    const before = await postEntries(plain, Math.round(entries / 2), "plain");

    const started = performance.now();
    const withHooks = await postEntries(hooked, entries, "hooked");
    const written = performance.now();
    const expected = 3 * entries;
    let lastCount = -1;
    let lastChange = performance.now();
    while (receiver.deliveries().length < expected) {
      const n = receiver.deliveries().length;
      if (n !== lastCount) [lastCount, lastChange] = [n, performance.now()];
      if (performance.now() - lastChange > 60_000) throw new Error(`Stuck at ${n} of ${expected} deliveries; server output in ${logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const drained = performance.now();
    const after = await postEntries(plain, Math.round(entries / 2), "plain");

    // Each (endpoint, entry) once, under one event id; every request signed (nothing rejected).
    const perEndpoint = new Map<string, Map<number, Set<string>>>();
    for (const d of receiver.deliveries()) {
      const byEntry = perEndpoint.get(d.path) ?? new Map<number, Set<string>>();
      perEndpoint.set(d.path, byEntry);
      const id = Number(d.body.data.id);
      byEntry.set(id, (byEntry.get(id) ?? new Set()).add(d.eventId));
    }
    const problems: string[] = [];
    for (const p of ["/a", "/b", "/c"]) {
      const byEntry = perEndpoint.get(p) ?? new Map();
      if (byEntry.size !== entries) problems.push(`${p}: ${byEntry.size} entries arrived, not ${entries}`);
      const twice = [...byEntry.values()].filter((ids) => ids.size > 1).length;
      if (twice) problems.push(`${p}: ${twice} entries under more than one event id`);
    }
    if (receiver.rejected.length) problems.push(`${receiver.rejected.length} requests failed the signature check`);
    const retries = receiver.deliveries().filter((d) => d.attempt > 1).length;

    const baseline = summary([...before, ...after]);
    const hookedSummary = summary(withHooks);
    console.log(`Deliveries: ${receiver.deliveries().length} received (${retries} repeats of an event id), expected ${expected}`);
    console.log(`Drain: ${((drained - started) / 1000).toFixed(1)} s from the first write, ${((drained - written) / 1000).toFixed(1)} s after the last (${(expected / ((drained - started) / 1000)).toFixed(1)} deliveries/s)`);
    console.log(`POST /time-entries without endpoints: n=${baseline.n} p50 ${baseline.p50} ms, p95 ${baseline.p95} ms, p99 ${baseline.p99} ms`);
    console.log(`POST /time-entries with 3 endpoints:  n=${hookedSummary.n} p50 ${hookedSummary.p50} ms, p95 ${hookedSummary.p95} ms, p99 ${hookedSummary.p99} ms`);
    console.log(`p99 with / without: ${((Number(hookedSummary.p99) / Number(baseline.p99)) * 100).toFixed(0)} %; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    if (problems.length) {
      console.error(`FAILED:\n  ${problems.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await receiver.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
