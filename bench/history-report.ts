// The history benchmark's results as Markdown (bench/results/<date>-history.md).
import { FIRST_ROWS } from "@/components/overview/day-rows";
import type { Measurement } from "./load";
import type { BrowserTiming } from "./overview-browser";

export type Plan = { month: string; plan: string; ms: number; jit: boolean };
export type ServerResult = { name: "PGlite" | "PostgreSQL"; startSeconds: number; rssMb: number | null; measurements: Measurement[] };

export type HistoryReport = {
  started: Date;
  entries: number;
  duration: number;
  warmup: number;
  machine: { cpus: number; cpuModel: string; memGb: number; node: string; postgres: string; loadBefore: string; loadAfter: string };
  seedTimings: Record<"PGlite" | "PostgreSQL", Record<string, number>>;
  servers: ServerResult[];
  browser: Partial<Record<"PGlite" | "PostgreSQL", BrowserTiming>>;
  plans: Partial<Record<"PGlite" | "PostgreSQL", Plan[]>>;
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const rps = (m: Measurement) => `${m.rps < 10 ? m.rps.toFixed(1) : m.rps.toFixed(0)} (${m.requests})`;
const cpu = (m: Measurement) => (m.serverCpu == null ? "–" : m.postgresCpu == null ? m.serverCpu.toFixed(2) : `${m.serverCpu.toFixed(2)} + ${m.postgresCpu.toFixed(2)}`);

export function formatHistoryReport(r: HistoryReport): string {
  const [pglite, pg] = [r.servers.find((s) => s.name === "PGlite"), r.servers.find((s) => s.name === "PostgreSQL")];
  const lines = [
    `# Stint history benchmark, ${r.started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `One user, ${r.entries.toLocaleString("en")} entries over five years (every weekday, sessions spread over 08:00–18:00 Europe/Berlin, 7 active projects, 30 % tagged, a running timer), seeded with set-based SQL into an embedded database folder (PGlite) and into PostgreSQL; \`next start\` on each, rate limits off. ${r.duration} s per run after ${r.warmup} s of warm-up, autocannon in the benchmark's process.`,
    "",
    `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memGb} GB, node ${r.machine.node}, ${r.machine.postgres}. **Load average (1, 5, 15 min): ${r.machine.loadBefore} at the start, ${r.machine.loadAfter} at the end.**`,
    "",
    "CPU ms/req: CPU time of the server's process tree per request (on PostgreSQL + the time of its backends), from /proc. In brackets: the requests answered in the run (fewer than a second's worth make p50/p99 rough). Between runs the benchmark waits until the server has answered what the previous run left queued.",
    "",
    "| Endpoint | Conn. | PGlite req/s (answered) | p50 ms | p99 ms | CPU ms/req | non-2xx | PostgreSQL req/s (answered) | p50 ms | p99 ms | CPU ms/req | non-2xx |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const a of pglite?.measurements ?? []) {
    const b = pg?.measurements.find((m) => m.name === a.name && m.connections === a.connections);
    lines.push(
      `| ${a.name} | ${a.connections} | ${rps(a)} | ${ms(a.p50)} | ${ms(a.p99)} | ${cpu(a)} | ${a.non2xx + a.errors} | ${b ? rps(b) : "–"} | ${b ? ms(b.p50) : "–"} | ${b ? ms(b.p99) : "–"} | ${b ? cpu(b) : "–"} | ${b ? b.non2xx + b.errors : "–"} |`,
    );
  }
  lines.push("", "| | PGlite | PostgreSQL |", "| --- | ---: | ---: |");
  const both = (f: (s: ServerResult) => string) => `${pglite ? f(pglite) : "–"} | ${pg ? f(pg) : "–"}`;
  lines.push(`| Start on the seeded folder/database until /health answers | ${both((s) => `${s.startSeconds.toFixed(1)} s`)} |`);
  lines.push(`| Server memory (RSS of its process tree) after the runs | ${both((s) => (s.rssMb ? `${s.rssMb.toFixed(0)} MB` : "–"))} |`);
  const bt = (name: "PGlite" | "PostgreSQL", moment: "first" | "all") => {
    const t = r.browser[name];
    return t ? `${t[moment].median.toFixed(0)} ms (runs ${t[moment].runs.map((n) => n.toFixed(0)).join(", ")}; ${t.sessions} sessions)` : "–";
  };
  const path = r.browser.PGlite?.path ?? r.browser.PostgreSQL?.path ?? "/overview";
  const loads = (r.browser.PGlite ?? r.browser.PostgreSQL)?.first.runs.length ?? 0;
  lines.push(`| Overview \`${path}\` in Chromium: navigation to its totals and first ${FIRST_ROWS} sessions on screen (median of ${loads}, after a warm-up) | ${bt("PGlite", "first")} | ${bt("PostgreSQL", "first")} |`);
  lines.push(`| The same, to every session of the month in the list | ${bt("PGlite", "all")} | ${bt("PostgreSQL", "all")} |`);
  lines.push("", "Seeding (s):", "");
  for (const [name, t] of Object.entries(r.seedTimings)) lines.push(`- ${name}: ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
  lines.push("", "## EXPLAIN (ANALYZE, BUFFERS) of the month summary (the statement Stint sends, warm)", "");
  for (const [name, plans] of Object.entries(r.plans)) {
    for (const p of plans ?? []) {
      lines.push(`<details><summary>${name}, ${p.month}: ${ms(p.ms)} ms${p.jit ? ", JIT" : ""}</summary>`, "", "```", p.plan, "```", "", "</details>", "");
    }
  }
  return lines.join("\n");
}
