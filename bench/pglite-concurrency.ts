// Does the embedded database (PGlite) serve concurrent requests? Seeds one user with many entries into a
// fresh PGlite folder, starts `next start` on it (build first), and measures a month summary and a list page
// at 1 and 10 connections. Usage: npx next build && node --import tsx bench/pglite-concurrency.ts
// Options (environment): BENCH_ENTRIES (default 25000), BENCH_SECONDS (10), BENCH_PORT (3599).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createToken } from "@/lib/tokens/service";
import { createPersonalWorkspace } from "@/lib/workspaces/personal";
import { load, type Measurement } from "./load";
import { queryRows } from "@/db/rows";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 25_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3599);
const root = path.resolve(__dirname, "..");

/** One user, one project, ENTRIES sessions of 1–3 h over the last five years (several a day), none running. */
async function seed(dataDir: string): Promise<string> {
  const pgdata = path.join(dataDir, "pgdata");
  fs.mkdirSync(pgdata, { recursive: true });
  const target = { pgliteDir: pgdata };
  const handle = openDatabase(target);
  try {
    await migrateDatabase(handle, target);
    const [user] = await queryRows<{ id: number }>(
      handle.db,
      sql`insert into users (email, name, password_hash) values ('bench@example.com', 'Bench', 'x') returning id`,
    );
    // Rows belong to the user's personal workspace, as registering makes it.
    const workspace = await createPersonalWorkspace(handle.db, { id: user.id, name: "Bench" });
    const [project] = await queryRows<{ id: number }>(handle.db, sql`insert into projects (workspace_id, name) values (${workspace.id}, 'Client work') returning id`);
    await handle.db.execute(sql`insert into time_entries (workspace_id, user_id, project_id, description, start_at, end_at, billable, source)
      select ${workspace.id}, ${user.id}, ${project.id}, 'Session ' || g,
             now() - interval '5 years' + (g * (interval '5 years' / ${ENTRIES})),
             now() - interval '5 years' + (g * (interval '5 years' / ${ENTRIES})) + interval '1 hour' + (g % 3) * interval '1 hour',
             g % 2 = 0, 'manual'
      from generate_series(1, ${ENTRIES}) g`);
    await handle.db.execute(sql`analyze`);
    const { token } = await createToken(handle.db, { userId: user.id, workspaceId: workspace.id }, { name: "bench", scopes: ["read:time_entries", "read:reports"] });
    return token;
  } finally {
    await handle.close();
  }
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  const log = path.join(os.tmpdir(), `stint-pglite-concurrency-${PORT}.log`);
  const out = fs.openSync(log, "w");
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", STINT_DATA_DIR: dataDir, STINT_WORKER: "off", STINT_RATE_LIMIT_PER_MINUTE: "100000000", STINT_RATE_LIMIT_PER_HOUR: "1000000000" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`The server exited; see ${log}`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer; see ${log}`);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-pglite-concurrency-"));
  console.log(`Seeding ${ENTRIES} entries into ${dataDir} ...`);
  const token = await seed(dataDir);
  const server = await startServer(dataDir);
  const base = `http://127.0.0.1:${PORT}`;
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
  const monthEnd = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const targets = [
    { name: "month summary", path: `/api/v1/reports/summary?start_date=${day(lastMonth)}&end_date=${day(monthEnd)}`, token },
    { name: "list page (50)", path: "/api/v1/time-entries?per_page=50", token },
  ];
  const rows: Measurement[] = [];
  try {
    for (const target of targets) {
      await load("warm-up", base, target, 2, 2);
      for (const connections of [1, 10]) rows.push(await load("stint pglite", base, target, connections, SECONDS));
    }
  } finally {
    server.kill("SIGTERM");
  }
  console.log(`\n${ENTRIES} entries, ${SECONDS} s per run, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`);
  console.log("endpoint          conns   req/s    p50 ms   p99 ms   non-2xx");
  for (const r of rows) {
    console.log(`${r.name.padEnd(18)}${String(r.connections).padStart(5)}${r.rps.toFixed(1).padStart(8)}${r.p50.toFixed(1).padStart(10)}${r.p99.toFixed(1).padStart(9)}${String(r.non2xx).padStart(10)}`);
  }
  for (let i = 0; i < rows.length; i += 2) console.log(`${rows[i].name}: 10 connections give ${(rows[i + 1].rps / rows[i].rps).toFixed(2)}× the throughput of 1`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
