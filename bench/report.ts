// The benchmark's results as Markdown: printed, and written to bench/results/<date>.md.
import type { Measurement } from "./load";
import type { Explained } from "./stint-queries";

export type Report = {
  started: Date;
  config: { users: number; entriesPerUser: number; connections: number; duration: number; warmup: number; dbName: string };
  machine: { cpus: number; cpuModel: string; memGb: number; node: string; postgres: string; sharedBuffers: string; loadBefore: string };
  seedTimings: Record<string, number> | null;
  stint: Measurement[];
  stintRateLimited: Measurement[];
  bare: Measurement[];
  explained: Explained[];
  drift: string[];
  rounds?: number;
  loadAfter?: string;
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const rps = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
const find = (list: Measurement[], name: string, connections: number) => list.find((m) => m.name === name && m.connections === connections);

/** "server + postgres" CPU ms per request. */
const cpu = (m: Measurement) =>
  m.serverCpu === null || m.serverCpu === undefined ? "–" : `${m.serverCpu.toFixed(2)} + ${m.postgresCpu === null || m.postgresCpu === undefined ? "?" : m.postgresCpu.toFixed(2)}`;

function mainTable(r: Report): string[] {
  const rows = [
    "| Endpoint | Conn. | Stint req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | Bare req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | Stint / bare req/s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const s of r.stint) {
    const b = find(r.bare, s.name, s.connections);
    rows.push(
      `| ${s.name} | ${s.connections} | ${rps(s.rps)} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.non2xx + s.errors} | ${cpu(s)} | ${b ? rps(b.rps) : "–"} | ${b ? ms(b.p50) : "–"} | ${b ? ms(b.p99) : "–"} | ${b ? b.non2xx + b.errors : "–"} | ${b ? cpu(b) : "–"} | ${b ? (s.rps / b.rps).toFixed(2) : "–"} |`,
    );
  }
  return rows;
}

function rateLimitTable(r: Report): string[] {
  if (r.stintRateLimited.length === 0) return ["(skipped)"];
  const rows = [
    "| Endpoint | Conn. | req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | req/s vs. limits off |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const m of r.stintRateLimited) {
    const off = find(r.stint, m.name, m.connections);
    rows.push(
      `| ${m.name} | ${m.connections} | ${rps(m.rps)} | ${ms(m.p50)} | ${ms(m.p99)} | ${m.non2xx + m.errors} | ${cpu(m)} | ${off ? `${(((m.rps - off.rps) / off.rps) * 100).toFixed(0)} %` : "–"} |`,
    );
  }
  return rows;
}

function targets(r: Report): string[] {
  const lines: string[] = [
    `At ${r.config.connections} connections every request waits for the ones ahead of it: the median latency is about connections / throughput (Little's law), so a p99 under 20 ms there would take more than ${Math.round((r.config.connections / 20) * 1000)} requests/s from the whole machine. The one-connection rows show what a request itself takes.`,
    "",
  ];
  const c = r.config.connections;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  for (const name of ["GET /timer/status", "POST /timer/start + /timer/stop"]) {
    const m = find(r.stint, name, c);
    if (m) lines.push(`- Timer p99 under 20 ms (${name}, ${c} connections): ${ms(m.p99)} ms, ${verdict(m.p99 < 20)}.`);
    const one = find(r.stint, name, 1);
    if (one) lines.push(`  At one connection (no queueing): p50 ${ms(one.p50)} ms, p99 ${ms(one.p99)} ms, ${verdict(one.p99 < 20)}.`);
  }
  for (const name of ["GET /time-entries?per_page=50", "GET /reports/summary (one month)"]) {
    const s = find(r.stint, name, c);
    const b = find(r.bare, name, c);
    if (s && b) lines.push(`- ${name} at least half the bare handler's throughput: ${rps(s.rps)} vs. ${rps(b.rps)} req/s = ${(s.rps / b.rps).toFixed(2)}, ${verdict(s.rps >= b.rps / 2)}.`);
  }
  return lines;
}

export function formatReport(r: Report): string {
  const m = r.machine;
  const seed = r.seedTimings;
  const out = [
    `# Stint benchmark, ${r.started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memGb} GB RAM; node ${m.node}; ${m.postgres} (shared_buffers ${m.sharedBuffers}) on the same machine. ` +
      `Load average before the run: ${m.loadBefore}${r.loadAfter ? `, after: ${r.loadAfter}` : ""}. PostgreSQL, the server under test and autocannon (one core by itself) share the ${m.cpus} cores, ` +
      `so every figure is bounded by CPU contention on this machine, not by Stint alone.`,
    "",
    `Data: ${r.config.users.toLocaleString("en")} users, ${(r.config.users * r.config.entriesPerUser).toLocaleString("en")} time entries (two a working day over ~2 years each), 8 projects, 3 clients, 16 tasks, 5 tags per user. ` +
      (seed ? `Seeded in ${seed.seed.toFixed(1)} s (${Object.entries(seed).filter(([k]) => k !== "seed").map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}).` : "Database reused from an earlier run."),
    "",
    `Load: autocannon, ${r.config.connections} connections (and 1 where noted), ${r.config.duration} s per run after a ${r.config.warmup} s warm-up; latency of 2xx answers; ` +
      `the servers run side by side and each endpoint is measured on each in turn${(r.rounds ?? 1) > 1 ? `; ${r.rounds} rounds, each figure from the round with the median requests/s` : ""}. ` +
      `Reads use one user's API token (a user with a running timer and ${r.config.entriesPerUser.toLocaleString("en")} entries); start/stop pairs give each connection its own user.`,
    "",
    "## Stint (next start, rate limits off) and the bare node:http handler (same SQL)",
    "",
    "CPU ms/req: CPU time per request of the server process + of its PostgreSQL backends (from /proc), steadier than req/s on a shared machine.",
    "",
    ...mainTable(r),
    "",
    "## Stint with the rate-limit bookkeeping on",
    "",
    "Limits of 10,000,000 per minute and per hour: every request upserts its two counters, none is refused.",
    "",
    ...rateLimitTable(r),
    "",
    "## Targets",
    "",
    ...targets(r),
    "",
    "## What Stint's statements cost (EXPLAIN ANALYZE, warm)",
    "",
    r.drift.length ? `WARNING: the bare server's SQL no longer matches Stint's for: ${r.drift.join(", ")}.` : "The bare server runs exactly these statements (checked at every run).",
    "",
    "| Endpoint | Statement | Execution ms |",
    "| --- | --- | ---: |",
    ...r.explained.map((e) => `| ${e.endpoint} | \`${e.sql.replace(/\s+/g, " ").slice(0, 70).replace(/\|/g, "\\|")}…\` | ${e.ms.toFixed(2)} |`),
    "",
    ...r.explained.flatMap((e) => [
      "<details>",
      `<summary>${e.endpoint}: ${e.sql.replace(/\s+/g, " ").slice(0, 60)}…</summary>`,
      "",
      "```",
      e.plan,
      "```",
      "</details>",
      "",
    ]),
  ];
  return out.join("\n");
}
