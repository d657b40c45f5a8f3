// The realistic-history benchmark: `npm run bench -- --history` (100,000 entries) or `--history=25000`.
//
// One user with five years of sessions (bench/history-seed.ts), seeded with set-based SQL into
//   - an embedded database folder (PGlite, as a newcomer runs Stint), and
//   - a fresh PostgreSQL database (BENCH_DATABASE_URL's server, database <BENCH_DB_NAME>_history),
// then `next start` on each (ports BENCH_PORT and the next one), every endpoint below at 1 and 10
// connections on each server in turn (p50/p99, requests/s, CPU per request of the server's process tree
// and, on PostgreSQL, of its backends), the Overview's time to data in Chromium, the servers' memory,
// EXPLAIN (ANALYZE) of the month summaries on both databases. Writes bench/results/<date>-history.md
// with the load average at the start and the end. Needs a production build (`npx next build`).
// Flags: --keep-db (keep the PostgreSQL database and the PGlite folder), --no-write, --overview-only (only the
// Overview's requests at 1 connection and its time to data in Chromium, no EXPLAIN: a quick before/after).
// BENCH_TARGETS=<regex> measures only the endpoints whose name matches (and skips the browser run), e.g.
// BENCH_TARGETS=time-entries.
// BENCH_BROWSER_RUNS (default 3): measured loads of the Overview in Chromium per database, after one warm-up.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { openDatabase, schema, type Db, type DbHandle, type DbTarget } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { summaryReport } from "@/lib/reports/summary";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserById } from "@/lib/users/service";
import { userActor } from "@/lib/workspaces/actor";
import { config, databaseUrl } from "./config";
import { postgresCpuDelta, postgresCpuMs, processTreeCpuMs, processTreeRssMb } from "./cpu";
import { seedHistory, type HistoryUser } from "./history-seed";
import { formatHistoryReport, type HistoryReport, type Plan, type ServerResult } from "./history-report";
import { load, type Measurement, type Target } from "./load";
import { overviewTimeToData } from "./overview-browser";
import { serverAdmin } from "./seed";

const root = path.resolve(__dirname, "..");
const warmup = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = config.overviewOnly ? [1] : [1, 10];
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
const log = (line = "") => console.log(line);
const loadavg = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");

function historyEntries(): number {
  const flag = process.argv.find((a) => a.startsWith("--history="))?.split("=")[1];
  const n = Number((flag ?? process.env.BENCH_HISTORY_ENTRIES ?? "100000").replace(/k$/i, "000"));
  if (!Number.isSafeInteger(n) || n < 1000) throw new Error(`--history=N needs a number of entries of at least 1000, not ${flag}`);
  return n;
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** `next start` on a database; resolves when /api/v1/health answers (after migrations), with the seconds that took. */
async function startStint(name: string, port: number, env: Record<string, string>) {
  if (await portInUse(port)) throw new Error(`Port ${port} is taken: set BENCH_PORT to a free one.`);
  const logFile = path.join(os.tmpdir(), `stint-bench-history-${name}-${port}.log`);
  const out = fs.openSync(logFile, "w");
  const t0 = performance.now();
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", STINT_RATE_LIMIT_PER_MINUTE: "0", STINT_RATE_LIMIT_PER_HOUR: "0", ...env, PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  children.add(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 180_000; ; ) {
    if (child.exitCode !== null) throw new Error(`The ${name} server exited (${child.exitCode}); output in ${logFile}`);
    if (Date.now() > deadline) throw new Error(`The ${name} server did not answer within 180 s; output in ${logFile}`);
    if (await fetch(`${baseUrl}/api/v1/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, baseUrl, startSeconds: (performance.now() - t0) / 1000 };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

async function seedInto(target: DbTarget, entries: number, timings: Record<string, number>): Promise<HistoryUser> {
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    timings[name] = (performance.now() - t0) / 1000;
    log(`    ${name.padEnd(34)} ${timings[name].toFixed(1).padStart(6)} s`);
  };
  let handle: DbHandle | undefined;
  try {
    await step("open and migrate", async () => {
      handle = openDatabase(target);
      await migrateDatabase(handle, target);
    });
    const user = await seedHistory(handle!.db, entries, step);
    // PostgreSQL's autovacuum would analyze a table this size within a minute; PGlite has no autovacuum and
    // Stint does not analyze it (yet): each database is left as a real instance would have it.
    if ("url" in target) await step("analyze", () => handle!.db.execute("analyze"));
    return user;
  } finally {
    await handle?.close();
  }
}

/** The months the issue names: one five years back (March of the fourth year before) and the last full month. */
function months(now = new Date()) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: the previous month is m - 1
  const pad = (n: number) => String(n).padStart(2, "0");
  const last = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const prevY = m === 0 ? y - 1 : y;
  const prevM = m === 0 ? 12 : m;
  return {
    old: { start: `${y - 4}-03-01`, end: `${y - 4}-03-31`, label: `Mar ${y - 4}` },
    recent: { start: `${prevY}-${pad(prevM)}-01`, end: `${prevY}-${pad(prevM)}-${pad(last(prevY, prevM))}`, label: `${new Date(Date.UTC(prevY, prevM - 1)).toLocaleString("en", { month: "short", timeZone: "UTC" })} ${prevY}` },
  };
}

function targets(token: string): Target[] {
  const only = process.env.BENCH_TARGETS ? new RegExp(process.env.BENCH_TARGETS) : null;
  const all = allTargets(token).filter((t) => !only || only.test(t.name));
  return config.overviewOnly ? all.filter((t) => /overview|period/.test(t.name)) : all;
}

function allTargets(token: string): Target[] {
  const { old, recent } = months();
  return [
    { name: `GET /reports/summary (${old.label})`, path: `/api/v1/reports/summary?start_date=${old.start}&end_date=${old.end}`, token },
    { name: `GET /reports/summary (${recent.label})`, path: `/api/v1/reports/summary?start_date=${recent.start}&end_date=${recent.end}`, token },
    { name: "GET /time-entries?per_page=50 (page 1)", path: "/api/v1/time-entries?per_page=50", token },
    { name: "GET /time-entries?per_page=50&page=100", path: "/api/v1/time-entries?per_page=50&page=100", token },
    { name: `GET /reports/overview (month, ${recent.label})`, path: `/api/v1/reports/overview?period=month&date=${recent.start}`, token },
    { name: `GET /reports/period (month, ${recent.label})`, path: `/api/v1/reports/period?period=month&date=${recent.start}`, token },
    // What the Overview asks for: the same report, its sessions as rows.
    { name: `GET /reports/period&shape=rows (${recent.label})`, path: `/api/v1/reports/period?period=month&date=${recent.start}&shape=rows`, token },
    { name: "GET /timer/status", path: "/api/v1/timer/status", token },
  ];
}

type Running = { name: "PGlite" | "PostgreSQL"; child: ChildProcess; baseUrl: string; pgDb?: string; startSeconds: number };

async function measure(server: Running, target: Target, connections: number, duration: number): Promise<Measurement> {
  const sql = server.pgDb ? postgres(databaseUrl(server.pgDb), { max: 1, onnotice: () => {} }) : undefined;
  try {
    const cpu0 = processTreeCpuMs(server.child.pid!);
    const pg0 = sql ? await postgresCpuMs(sql, server.pgDb!) : null;
    const m = await load(server.name, server.baseUrl, target, connections, duration);
    const cpu1 = processTreeCpuMs(server.child.pid!);
    const pgUsed = sql ? postgresCpuDelta(pg0, await postgresCpuMs(sql, server.pgDb!)) : null;
    m.serverCpu = cpu0 !== null && cpu1 !== null && m.requests > 0 ? (cpu1 - cpu0) / m.requests : null;
    m.postgresCpu = pgUsed !== null && m.requests > 0 ? pgUsed / m.requests : null;
    return m;
  } finally {
    await sql?.end({ timeout: 5 });
  }
}

type Logged = { sql: string; params: unknown[] };

/**
 * Waits until the server has worked off what the last run left in it (autocannon stops sending, but the
 * requests it gave up on are still being answered), so that they do not count against the next run.
 * PGlite answers /health after them (one queue); on PostgreSQL, until no backend of the database is busy.
 */
async function drain(server: Running): Promise<void> {
  await fetch(`${server.baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(120_000) }).catch(() => {});
  if (!server.pgDb) return;
  const sql = postgres(databaseUrl(server.pgDb), { max: 1, onnotice: () => {} });
  try {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${server.pgDb} and state = 'active' and pid <> pg_backend_pid()`;
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** A logging drizzle instance and a raw query function over one fresh client of the database. */
async function explainClient(target: DbTarget) {
  const statements: Logged[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void statements.push({ sql: text, params }) };
  if ("url" in target) {
    const client = postgres(target.url, { max: 1, onnotice: () => {} });
    return {
      statements,
      db: drizzle(client, { schema, logger }) as unknown as Db,
      rows: async (text: string, params: unknown[]) => (await client.unsafe(text, params as never[])) as unknown as Record<string, unknown>[],
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = new PGlite((target as { pgliteDir: string }).pgliteDir, { extensions: { pg_trgm } });
  return {
    statements,
    db: drizzlePglite(client, { schema, logger }) as unknown as Db,
    rows: async (text: string, params: unknown[]) => (await client.query<Record<string, unknown>>(text, params)).rows,
    close: () => client.close(),
  };
}

/** The month summary's statement exactly as Stint sends it, EXPLAIN (ANALYZE)d (the second, warm run). */
async function explainSummaries(target: DbTarget, user: HistoryUser): Promise<Plan[]> {
  const c = await explainClient(target);
  try {
    const plans: Plan[] = [];
    const { old, recent } = months();
    // The user acting in their personal workspace, as the bench's token does.
    const actor = await userActor(c.db, (await getUserById(c.db, user.id))!, SCOPES, user.workspaceId);
    for (const month of [old, recent]) {
      c.statements.length = 0;
      await summaryReport(c.db, actor, { start_date: month.start, end_date: month.end });
      const main = c.statements.find((s) => /with clock as/.test(s.sql));
      if (!main) continue;
      const text = `explain (analyze, buffers) ${main.sql}`;
      await c.rows(text, main.params);
      const plan = (await c.rows(text, main.params)).map((r) => String(r["QUERY PLAN"])).join("\n");
      plans.push({ month: month.label, plan, ms: Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? NaN), jit: /JIT:/.test(plan) });
    }
    return plans;
  } finally {
    await c.close();
  }
}

export async function runHistory(): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("No production build: run `npx next build` first.");
  const entries = historyEntries();
  const started = new Date();
  const loadBefore = loadavg();
  const pgDb = `${config.dbName}_history`;
  log(`Stint history benchmark: one user, ${entries.toLocaleString("en")} entries over five years; ${config.duration} s per run; load average ${loadBefore}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-bench-history-pglite-"));
  const pgDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-bench-history-pg-"));
  cleanups.push(async () => {
    if (config.keepDb) return log(`Kept the PGlite folder ${dataDir} and database ${pgDb}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(pgDataDir, { recursive: true, force: true });
    await serverAdmin((sql) => sql.unsafe(`drop database if exists "${pgDb}" with (force)`)).catch(() => {});
  });
  const seedTimings: HistoryReport["seedTimings"] = { PGlite: {}, PostgreSQL: {} };
  log("  Seeding the embedded database (PGlite):");
  const pgliteDir = path.join(dataDir, "pgdata");
  fs.mkdirSync(pgliteDir, { recursive: true });
  const user = await seedInto({ pgliteDir }, entries, seedTimings.PGlite);
  log(`  Seeding PostgreSQL (${pgDb}):`);
  await serverAdmin(async (sql) => {
    await sql.unsafe(`drop database if exists "${pgDb}" with (force)`);
    await sql.unsafe(`create database "${pgDb}"`);
  });
  const pgUser = await seedInto({ url: databaseUrl(pgDb) }, entries, seedTimings.PostgreSQL);
  log(`  ${user.entries.toLocaleString("en")} entries in each (user ${user.id}, ${user.timezone})`);

  const pglite = await startStint("pglite", config.port, { DATABASE_URL: "", STINT_DATA_DIR: dataDir });
  const pg = await startStint("postgres", config.port + 1, { DATABASE_URL: databaseUrl(pgDb), STINT_DATA_DIR: pgDataDir });
  const servers: Running[] = [
    { name: "PGlite", ...pglite },
    { name: "PostgreSQL", ...pg, pgDb },
  ];
  const tokens = { PGlite: user.token, PostgreSQL: pgUser.token };
  log(`  Servers up: PGlite ${pglite.startSeconds.toFixed(1)} s, PostgreSQL ${pg.startSeconds.toFixed(1)} s (start to first health answer)`);

  const results: Record<string, Measurement[]> = { PGlite: [], PostgreSQL: [] };
  for (const [i, target] of targets("").entries()) {
    for (const connections of CONNECTIONS) {
      for (const server of servers) {
        const t = { ...targets(tokens[server.name])[i] };
        if (warmup > 0) await load(server.name, server.baseUrl, t, connections, warmup);
        await drain(server);
        const m = await measure(server, t, connections, config.duration);
        await drain(server);
        results[server.name].push(m);
        log(
          `    ${server.name.padEnd(10)} ${t.name.padEnd(42)} c=${String(connections).padStart(2)} ${String(m.requests).padStart(5)} req ${m.rps.toFixed(1).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(7)}  p99 ${m.p99.toFixed(1).padStart(7)} ms  cpu/req ${m.serverCpu?.toFixed(2) ?? "?"}${m.postgresCpu != null ? ` + ${m.postgresCpu.toFixed(2)}` : ""} ms  non-2xx ${m.non2xx + m.errors}`,
        );
      }
    }
  }
  const rss = Object.fromEntries(servers.map((s) => [s.name, processTreeRssMb(s.child.pid!)]));
  const { recent } = months();
  const browser: HistoryReport["browser"] = {};
  for (const server of process.env.BENCH_TARGETS ? [] : servers) {
    try {
      browser[server.name] = await overviewTimeToData(server.baseUrl, user, `/overview?period=month&date=${recent.start}`);
      const t = browser[server.name]!;
      log(`    ${server.name.padEnd(10)} Overview (${recent.label}) time to data: first screen ${t.first.runs.map((n) => n.toFixed(0)).join(", ")} ms; every session ${t.all.runs.map((n) => n.toFixed(0)).join(", ")} ms`);
    } catch (error) {
      log(`    ${server.name}: the browser run failed: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  for (const child of [...children]) await stopServer(child);

  const plans: HistoryReport["plans"] = {};
  if (!config.overviewOnly) {
    plans.PGlite = await explainSummaries({ pgliteDir }, user);
    plans.PostgreSQL = await explainSummaries({ url: databaseUrl(pgDb) }, pgUser);
  }
  const sqlInfo = await serverAdmin(async (sql) => (await sql<{ v: string }[]>`select version() as v`)[0].v.split(" on ")[0]);
  const cpus = os.cpus();
  const report: HistoryReport = {
    started,
    entries: user.entries,
    duration: config.duration,
    warmup,
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? "?", memGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, postgres: sqlInfo, loadBefore, loadAfter: loadavg() },
    seedTimings,
    servers: servers.map((s): ServerResult => ({ name: s.name, startSeconds: s.startSeconds, rssMb: rss[s.name], measurements: results[s.name] })),
    browser,
    plans,
  };
  const markdown = formatHistoryReport(report);
  log();
  log(markdown);
  if (!config.noWrite) {
    const dir = path.join(root, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    const base = `${started.toISOString().slice(0, 10)}-history${config.overviewOnly ? "-overview" : ""}${entries === 100_000 ? "" : `-${Math.round(entries / 1000)}k`}`;
    let file = path.join(dir, `${base}.md`);
    for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${base}-${i}.md`);
    fs.writeFileSync(file, markdown);
    log(`Written to ${path.relative(root, file)}`);
  }
}

export async function cleanupHistory(): Promise<void> {
  for (const child of [...children]) await stopServer(child).catch(() => {});
  for (const fn of cleanups) await fn().catch((e) => console.error(e));
}

