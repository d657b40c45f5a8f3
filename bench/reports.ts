// The report builder over a year (issue 15): a 20-member workspace with 200,000 entries in 2025 (rates at
// every level, a third of the entries tagged, some across midnight, the owner in Europe/Berlin so both DST
// days are in it), then the grouped report over the whole year (by project and member, rounding per entry and
// per group; by day; by tag and month), timed in-process (lib/reports/builder/grouped.ts: policy, labels and
// the one SQL statement). On PGlite (default) or, with STINT_TEST_DB=postgres and TEST_DATABASE_URL, on
// PostgreSQL. Target: p95 under 300 ms for each (within_target).
//
//   npm run bench:reports                                        # PGlite
//   STINT_TEST_DB=postgres TEST_DATABASE_URL=postgres://... npm run bench:reports
//
// BENCH_REPORT_ENTRIES (default 200000), BENCH_REPORT_RUNS (default 20, after 3 warm-up runs). The machine is
// shared: run `uptime` beside it.
import { performance } from "node:perf_hooks";
import { createTestDb } from "@/db/testing";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { detailedReport } from "@/lib/reports/builder/detailed";
import { detailedReportQuery, groupedReportQuery } from "@/lib/reports/builder/query-schema";
import { MEMBERS, seedReportWorkspace } from "./reports-seed";

const ENTRIES = Number(process.env.BENCH_REPORT_ENTRIES || 200_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS || 20);
const ms = (start: number) => performance.now() - start;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { runs: s.length, p50_ms: Math.round(percentile(s, 50)), p95_ms: Math.round(percentile(s, 95)), max_ms: Math.round(s.at(-1)!) };
};

async function main() {
  const t = await createTestDb();
  try {
    const seedStart = performance.now();
    const owner = await seedReportWorkspace(t.db, ENTRIES);
    const seedMs = Math.round(ms(seedStart));

    const year = { start_date: "2025-01-01", end_date: "2025-12-31" };
    const cases = {
      "group_by=project,member": groupedReportQuery.parse({ ...year, group_by: "project,member" }),
      "group_by=day": groupedReportQuery.parse({ ...year, group_by: "day" }),
      "group_by=project,member rounding per group": groupedReportQuery.parse({ ...year, group_by: "project,member", rounding_scope: "group" }),
      "group_by=tag,month": groupedReportQuery.parse({ ...year, group_by: "tag,month" }),
    };
    const results: Record<string, unknown> = {};
    let check: { seconds: number; entries: number; amount: number | null } | undefined;
    for (const [name, q] of Object.entries(cases)) {
      for (let i = 0; i < 3; i++) await groupedReport(t.db, owner, q);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const r = await groupedReport(t.db, owner, q);
        times.push(ms(start));
        check ??= { seconds: r.totals.seconds, entries: r.totals.entries, amount: r.totals.amount };
      }
      results[name] = summary(times);
    }
    // A detailed page deep in the year (keyset), for comparison.
    const page = detailedReportQuery.parse({ ...year, per_page: 100 });
    const pageTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await detailedReport(t.db, owner, page);
      pageTimes.push(ms(start));
    }
    results["detailed first page (100)"] = summary(pageTimes);
    // Every grouped report of the year is held to the target (the detailed page is there for comparison).
    const p95s = Object.entries(results)
      .filter(([k]) => k.startsWith("group_by="))
      .map(([, v]) => (v as { p95_ms: number }).p95_ms);
    console.log(
      JSON.stringify(
        { database: t.url ? "postgres" : "pglite", members: MEMBERS, entries: ENTRIES, seed_ms: seedMs, totals: check, grouped_over_2025: results, target_p95_ms: 300, within_target: p95s.every((p) => p < 300) },
        null,
        2,
      ),
    );
  } finally {
    await t.cleanup();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
