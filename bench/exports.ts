// The CSV export of a large report (issue 15, "Large ranges stream"): 100,000 entries in a 20-member
// workspace (bench/reports-seed.ts), then GET /reports/detailed?format=csv over the whole year as the route
// answers it (lib/reports/export/respond.ts), read to the end: time to the first byte, total time, bytes,
// and the process's peak RSS and heap (process.memoryUsage() sampled every 20 ms) against the level before
// the export, which stays flat if the export streams. On PGlite (default) or, with STINT_TEST_DB=postgres and
// TEST_DATABASE_URL, on PostgreSQL.
//
//   npm run bench:exports
//   STINT_TEST_DB=postgres TEST_DATABASE_URL=postgres://... npm run bench:exports
//
// BENCH_EXPORT_ENTRIES (default 100000). The machine is shared: run `uptime` beside it.
import { performance } from "node:perf_hooks";
import { createTestDb } from "@/db/testing";
import { detailedReportQuery } from "@/lib/reports/builder/query-schema";
import { exportDetailedReport } from "@/lib/reports/export/respond";
import { MEMBERS, seedReportWorkspace } from "./reports-seed";

const ENTRIES = Number(process.env.BENCH_EXPORT_ENTRIES || 100_000);
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function main() {
  const t = await createTestDb();
  try {
    const seedStart = performance.now();
    const owner = await seedReportWorkspace(t.db, ENTRIES);
    const seedMs = Math.round(performance.now() - seedStart);
    const q = detailedReportQuery.parse({ start_date: "2025-01-01", end_date: "2025-12-31", format: "csv" }) as Parameters<typeof exportDetailedReport>[2];

    const runs = [];
    for (let run = 0; run < 2; run++) {
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      }, 20);
      const start = performance.now();
      const res = await exportDetailedReport(t.db, owner, q);
      const reader = res.body!.getReader();
      let firstByteMs = 0;
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!bytes) firstByteMs = performance.now() - start;
        bytes += value.byteLength;
        for (const b of value) if (b === 10) lines++;
      }
      const totalMs = performance.now() - start;
      clearInterval(sampler);
      runs.push({
        run: run === 0 ? "cold" : "warm",
        first_byte_ms: Math.round(firstByteMs),
        total_ms: Math.round(totalMs),
        rows: lines - 1,
        mb: mb(bytes),
        rss_before_mb: mb(before.rss),
        peak_rss_mb: mb(peakRss),
        peak_rss_growth_mb: mb(peakRss - before.rss),
        heap_before_mb: mb(before.heapUsed),
        peak_heap_mb: mb(peakHeap),
      });
    }
    console.log(JSON.stringify({ database: t.url ? "postgres" : "pglite", members: MEMBERS, entries: ENTRIES, seed_ms: seedMs, csv_export_of_2025: runs }, null, 2));
  } finally {
    await t.cleanup();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
