// Does the embedded database (PGlite) serve concurrent requests? Seeds the realistic history (bench/history-seed.ts:
// one user, BENCH_ENTRIES entries over five years) into a PGlite folder, starts `next start` on it (build first),
// and measures the history benchmark's endpoints at 1 and 10 connections, a short request while slow ones run,
// and the server's memory when idle. Usage: npx next build && node --import tsx bench/pglite-concurrency.ts
// Options (environment): BENCH_ENTRIES (default 100000), BENCH_SECONDS (8), BENCH_PORT (3599),
// BENCH_SEED_DIR (keep the seeded folder there and reuse it on later runs: seeding 100,000 entries takes a minute).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { processTreeRssMb } from "./cpu";
import { load, type Measurement, type Target } from "./load";
import { seededPgliteFolder } from "./pglite-seed";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3599);
const SEED_DIR = process.env.BENCH_SEED_DIR;
const root = path.resolve(__dirname, "..");

async function startServer(dataDir: string): Promise<ChildProcess> {
  const log = path.join(os.tmpdir(), `stint-pglite-concurrency-${PORT}.log`);
  const out = fs.openSync(log, "w");
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", STINT_DATA_DIR: dataDir, STINT_WORKER: "off", STINT_RATE_LIMIT_PER_MINUTE: "0", STINT_RATE_LIMIT_PER_HOUR: "0" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`The server exited; see ${log}`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer; see ${log}`);
}

/** CPU ms (utime + stime) per thread of a process, by thread id (Linux /proc). */
function threadCpuMs(pid: number): Map<number, number> {
  const tick = 1000 / 100; // USER_HZ
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`).map(Number)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ");
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/**
 * Where a run's CPU went, per request: the server's main thread (HTTP, Next.js, Stint's code) and its busiest
 * other thread (the database's thread when PGlite runs on one; else a GC or compiler helper).
 */
function cpuSplit(pid: number, before: Map<number, number>, requests: number): string {
  const after = threadCpuMs(pid);
  let main = 0;
  let busiest = 0;
  for (const [tid, ms] of after) {
    const used = ms - (before.get(tid) ?? 0);
    if (tid === pid) main = used;
    else busiest = Math.max(busiest, used);
  }
  return `${(main / requests).toFixed(1)} / ${(busiest / requests).toFixed(1)}`;
}

function targets(token: string): Target[] {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return [
    { name: "month summary", path: `/api/v1/reports/summary?start_date=${day(from)}&end_date=${day(to)}`, token },
    { name: "list page 1 (50)", path: "/api/v1/time-entries?per_page=50", token },
    { name: "list page 100 (50)", path: "/api/v1/time-entries?per_page=50&page=100", token },
    { name: "overview (month)", path: `/api/v1/reports/overview?period=month&date=${day(from)}`, token },
    { name: "period (month)", path: `/api/v1/reports/period?period=month&date=${day(from)}`, token },
    { name: "period as rows", path: `/api/v1/reports/period?period=month&date=${day(from)}&shape=rows`, token },
    { name: "timer status", path: "/api/v1/timer/status", token },
  ];
}

async function main() {
  console.log(`Seeding ${ENTRIES} entries (history seed)...`);
  const { dataDir, token } = await seededPgliteFolder(ENTRIES, SEED_DIR);
  const loadAtStart = os.loadavg();
  const server = await startServer(dataDir);
  const base = `http://127.0.0.1:${PORT}`;
  const rows: (Measurement & { cpu: string })[] = [];
  let idleRss: number | null = null;
  let mixed: { alone: Measurement; withSlow: Measurement } | undefined;
  try {
    await new Promise((r) => setTimeout(r, 3000));
    idleRss = processTreeRssMb(server.pid!);
    const all = targets(token);
    for (const target of all) {
      await load("warm-up", base, target, 2, 2);
      for (const connections of [1, 10]) {
        const before = threadCpuMs(server.pid!);
        const measured = await load("stint pglite", base, target, connections, SECONDS);
        rows.push({ ...measured, cpu: cpuSplit(server.pid!, before, measured.requests) });
      }
    }
    // One slow request must not stall the others: the timer's status at 1 connection, alone and while 9
    // connections ask for page 100.
    const status = all.find((t) => t.name === "timer status")!;
    const deep = all.find((t) => t.name.startsWith("list page 100"))!;
    const alone = await load("stint pglite", base, status, 1, SECONDS);
    const [withSlow] = await Promise.all([load("stint pglite", base, status, 1, SECONDS), load("stint pglite", base, deep, 9, SECONDS)]);
    mixed = { alone, withSlow };
  } finally {
    server.kill("SIGTERM");
  }
  const rss = idleRss === null ? "?" : `${Math.round(idleRss)} MB`;
  console.log(`\n${ENTRIES} entries, ${SECONDS} s per run; load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end (${os.cpus().length} cores); idle server RSS ${rss}`);
  console.log("endpoint            conns   req/s    p50 ms   p99 ms   non-2xx   CPU ms/req: main thread / busiest other");
  const line = (name: string, r: Measurement, cpu = "") =>
    console.log(`${name.padEnd(20)}${String(r.connections).padStart(5)}${r.rps.toFixed(1).padStart(8)}${r.p50.toFixed(1).padStart(10)}${r.p99.toFixed(1).padStart(9)}${String(r.non2xx).padStart(10)}   ${cpu}`);
  for (const r of rows) line(r.name, r, r.cpu);
  for (let i = 0; i < rows.length; i += 2) console.log(`${rows[i].name}: 10 connections give ${(rows[i + 1].rps / rows[i].rps).toFixed(2)}× the throughput of 1`);
  if (mixed) {
    line("status alone", mixed.alone);
    line("status + 9× page 100", mixed.withSlow);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
