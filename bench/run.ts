// The benchmark, in one command: `npm run bench` (after `npm run build`). See README.md, "Performance".
//
// 1. creates a fresh PostgreSQL database, migrates and seeds it (1,000 users, 1,000,000 entries);
// 2. starts `next start` on it (rate limits off), a second one with the rate-limit bookkeeping on (limits
//    too high to bite) and bench/bare-server.ts (same SQL, no framework), and measures each endpoint with
//    autocannon on each server in turn, then the timer at one connection (BENCH_ROUNDS rounds, medians);
// 3. (the servers run side by side so that each comparison is made in the same minute);
// 4. EXPLAIN ANALYZEs the statements Stint sends, prints the table and writes bench/results/<date>.md;
// 5. stops the servers and drops the database (unless --keep-db).
//
// `npm run bench -- --history` (or --history=25000) runs the realistic-history mode instead: bench/history.ts.
//
// Flags: --keep-db, --reuse-db (skip seeding; implies --keep-db), --skip-rate-limit-run, --no-write,
// --seed-only. Environment: BENCH_DATABASE_URL, BENCH_DB_NAME, BENCH_PORT (and the next two),
// BENCH_CONNECTIONS, BENCH_DURATION (s), BENCH_WARMUP (s), BENCH_ROUNDS, BENCH_USERS, BENCH_ENTRIES_PER_USER.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { config, databaseUrl } from "./config";
import { processCpuMs, postgresCpuDelta, postgresCpuMs } from "./cpu";
import { load, loadTimerPairs, type Measurement, type Target } from "./load";
import { formatReport, type Report } from "./report";
import { benchDatabaseExists, createAndSeed, dropBenchDatabase, prepareFixtures, resetTimers, type Fixtures } from "./seed";
import { bareSqlDrift, captureStintQueries, explainAll } from "./stint-queries";

const root = path.resolve(__dirname, "..");
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const children = new Set<ChildProcess>();

function log(line = "") {
  console.log(line);
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}; its output is in ${logFile}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl}/api/v1/health did not answer within ${timeoutMs / 1000} s; output in ${logFile}`);
}

async function startServer(name: string, args: string[], port: number, env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  if (await portInUse(port)) throw new Error(`Port ${port} is taken: set BENCH_PORT to a free one.`);
  const logFile = path.join(os.tmpdir(), `stint-bench-${name}-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.add(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, logFile);
  return { child, baseUrl };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

function startStint(port: number, rateLimits: { perMinute: number; perHour: number }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-bench-data-"));
  return startServer("stint", [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], port, {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl(),
    STINT_DATA_DIR: dataDir,
    STINT_RATE_LIMIT_PER_MINUTE: String(rateLimits.perMinute),
    STINT_RATE_LIMIT_PER_HOUR: String(rateLimits.perHour),
  });
}

function startBare(port: number) {
  return startServer("bare", ["--import", "tsx", path.join(root, "bench", "bare-server.ts")], port, { DATABASE_URL: databaseUrl() });
}

function readTargets(f: Fixtures): Target[] {
  const token = f.mainUser.token;
  return [
    { name: "GET /time-entries?per_page=50", path: "/api/v1/time-entries?per_page=50", token },
    { name: "GET /reports/summary (one month)", path: `/api/v1/reports/summary?start_date=${f.summaryMonth.start}&end_date=${f.summaryMonth.end}`, token },
    { name: "GET /timer/status", path: "/api/v1/timer/status", token },
    // The floor: what a request costs before any of Stint's own work (no token, one `select 1`).
    { name: "GET /health (floor)", path: "/api/v1/health", token },
  ];
}

const cpu = (n: number | null | undefined) => (n === null || n === undefined ? "?" : n.toFixed(2));

function show(m: Measurement) {
  const codes = Object.entries(m.statusCodes)
    .map(([code, n]) => `${code}:${n}`)
    .join(" ");
  log(
    `    ${m.name.padEnd(34)} c=${String(m.connections).padStart(2)}  ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms  non-2xx ${m.non2xx}  errors ${m.errors}  cpu/req server ${cpu(m.serverCpu)} ms, postgres ${cpu(m.postgresCpu)} ms  [${codes}]`,
  );
}

/** Runs one measurement and adds the CPU per request the server process and PostgreSQL spent on it. */
async function withCpu(pid: number, run: () => Promise<Measurement>): Promise<Measurement> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const server0 = processCpuMs(pid);
    const pg0 = await postgresCpuMs(sql, config.dbName);
    const m = await run();
    const server1 = processCpuMs(pid);
    const pgUsed = postgresCpuDelta(pg0, await postgresCpuMs(sql, config.dbName));
    m.serverCpu = server0 !== null && server1 !== null && m.requests > 0 ? (server1 - server0) / m.requests : null;
    m.postgresCpu = pgUsed !== null && m.requests > 0 ? pgUsed / m.requests : null;
    return m;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type Server = { name: "stint" | "stint+rl" | "bare"; pid: number; baseUrl: string };

/**
 * One round: every endpoint on every server, the servers one right after the other for each endpoint
 * (so a neighbour's load on a shared machine hits both sides of a comparison alike), each run after a
 * short unmeasured warm-up. Then the start/stop pairs (Stint only), and one-connection runs.
 */
async function measureRound(servers: Server[], f: Fixtures): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const run = async (server: Server, measure: (name: string, baseUrl: string) => Promise<Measurement>, warm?: () => Promise<unknown>) => {
    if (warm && warmup > 0) await warm();
    const m = await withCpu(server.pid, () => measure(server.name, server.baseUrl));
    show(m);
    results.push(m);
  };
  for (const target of readTargets(f)) {
    for (const server of servers) {
      await run(
        server,
        (name, baseUrl) => load(name, baseUrl, target, config.connections, config.duration),
        () => load(server.name, server.baseUrl, target, config.connections, warmup),
      );
    }
  }
  // Two disjoint pools of users: requests of a finished run may still be in a server when the next starts.
  const users = f.timerUsers.map((u) => ({ token: u.token, projectId: u.projectId }));
  const warmPool = users.slice(0, config.connections);
  const pool = users.slice(config.connections);
  const warmIds = f.timerUsers.slice(0, config.connections).map((u) => u.id);
  const poolIds = f.timerUsers.slice(config.connections).map((u) => u.id);
  const withTimer = servers.filter((s) => s.name !== "bare");
  for (const server of withTimer) {
    await resetTimers(warmIds);
    await run(
      server,
      async (name, baseUrl) => {
        await resetTimers(poolIds);
        return loadTimerPairs(name, baseUrl, pool, config.connections, config.duration);
      },
      () => loadTimerPairs(server.name, server.baseUrl, warmPool, config.connections, warmup),
    );
  }
  // What a request itself takes, without queueing: one connection.
  const status = readTargets(f)[2];
  for (const server of servers.filter((s) => s.name !== "stint+rl")) {
    await run(server, (name, baseUrl) => load(name, baseUrl, status, 1, config.duration));
  }
  const stint = servers.find((s) => s.name === "stint")!;
  await resetTimers(warmIds);
  await run(stint, (name, baseUrl) => loadTimerPairs(name, baseUrl, warmPool, 1, config.duration));
  await resetTimers([...warmIds, ...poolIds]);
  return results;
}

/** Per server, endpoint and connection count, the round with the median requests/s. */
function medians(all: Measurement[]): Measurement[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of all) {
    const key = `${m.server}|${m.name}|${m.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => a.rps - b.rps)[Math.floor((g.length - 1) / 2)]);
}

async function machine() {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const [{ version }] = await sql<{ version: string }[]>`select version()`;
    const [{ shared_buffers }] = await sql<{ shared_buffers: string }[]>`show shared_buffers`;
    const cpu = os.cpus();
    return {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? "?",
      memGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      postgres: version.split(" on ")[0],
      sharedBuffers: shared_buffers,
      loadBefore: os.loadavg().map((n) => n.toFixed(2)).join(" "),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  if (!config.seedOnly && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first.");
  }
  const started = new Date();
  log(`Stint benchmark: ${config.users} users x ${config.entriesPerUser} entries, ${config.connections} connections, ${config.duration} s per run`);
  let seedTimings: Record<string, number> | null = null;
  if (config.reuseDb) {
    if (!(await benchDatabaseExists())) throw new Error(`--reuse-db: database ${config.dbName} does not exist (run once with --keep-db).`);
    log(`Reusing database ${config.dbName}`);
  } else {
    log(`Seeding database ${config.dbName} on ${new URL(config.serverUrl).host}:`);
    seedTimings = await createAndSeed(log);
    log(`  Seeded in ${seedTimings.seed.toFixed(1)} s (database created and migrated before that)`);
  }
  if (config.seedOnly) return;

  const fixtures = await prepareFixtures();
  const url = databaseUrl();
  const statements = await captureStintQueries(url, fixtures);
  const drift = bareSqlDrift(statements);
  if (drift.length) log(`  WARNING: Stint no longer sends the bare server's SQL for: ${drift.join(", ")} (update bench/bare-sql.ts)`);
  const explained = await explainAll(url, statements);
  const info = await machine();
  log(`Machine: ${info.cpus} cores (${info.cpuModel}), ${info.memGb} GB, node ${info.node}, ${info.postgres}; load average ${info.loadBefore}`);

  const report: Report = { started, config: { ...config, warmup }, machine: info, seedTimings, stint: [], stintRateLimited: [], bare: [], explained, drift };

  // All servers run side by side (an idle one costs nothing), so each endpoint is measured on each in turn.
  const stint = await startStint(config.port, { perMinute: 0, perHour: 0 });
  const bare = await startBare(config.port + 1);
  const servers: Server[] = [
    { name: "stint", pid: stint.child.pid!, baseUrl: stint.baseUrl },
    { name: "bare", pid: bare.child.pid!, baseUrl: bare.baseUrl },
  ];
  if (!config.skipRateLimitRun) {
    // The rate-limit bookkeeping on, with limits no run reaches: every request counts, none is refused.
    const limited = await startStint(config.port + 2, { perMinute: 10_000_000, perHour: 10_000_000 });
    servers.splice(1, 0, { name: "stint+rl", pid: limited.child.pid!, baseUrl: limited.baseUrl });
  }
  log(`Servers: stint = next start (rate limits off)${config.skipRateLimitRun ? "" : ", stint+rl = next start with the rate-limit bookkeeping on"}, bare = node:http with the same SQL`);
  const all: Measurement[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    if (config.rounds > 1) log(`Round ${round} of ${config.rounds}:`);
    all.push(...(await measureRound(servers, fixtures)));
  }
  for (const child of [...children]) await stopServer(child);
  const chosen = medians(all);
  report.stint = chosen.filter((m) => m.server === "stint");
  report.stintRateLimited = chosen.filter((m) => m.server === "stint+rl");
  report.bare = chosen.filter((m) => m.server === "bare");
  report.rounds = config.rounds;
  report.loadAfter = os.loadavg().map((n) => n.toFixed(2)).join(" ");

  const markdown = formatReport(report);
  log();
  log(markdown);
  if (!config.noWrite) {
    const dir = path.join(root, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const day = started.toISOString().slice(0, 10);
    let file = path.join(dir, `${day}.md`);
    for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${day}-${i}.md`);
    fs.writeFileSync(file, markdown);
    log(`Written to ${path.relative(root, file)}`);
  }
}

async function cleanup() {
  for (const child of children) await stopServer(child).catch(() => {});
  if (!config.keepDb && !config.reuseDb) {
    await dropBenchDatabase().catch((e) => console.error(`Could not drop ${config.dbName}: ${e.message}`));
    log(`Dropped database ${config.dbName} (keep it with --keep-db).`);
  } else {
    log(`Kept database ${config.dbName}: ${databaseUrl()}`);
  }
}

const fail = (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
};

if (process.argv.some((a) => a === "--history" || a.startsWith("--history="))) {
  // The realistic-history mode: one user with years of entries on PGlite and PostgreSQL (bench/history.ts).
  void import("./history").then(({ runHistory, cleanupHistory }) => {
    process.once("SIGINT", () => void cleanupHistory().finally(() => process.exit(130)));
    return runHistory().catch(fail).finally(() => cleanupHistory());
  });
} else {
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  main()
    .catch(fail)
    .finally(() => cleanup());
}
