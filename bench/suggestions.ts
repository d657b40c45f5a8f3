// A year of one person's RescueTime activity (5-minute rows: working days 08:00-18:00, 1-2 rows a slot,
// from the fake's deterministic generator) processed into suggestions, on PGlite (default) or, with
// STINT_TEST_DB=postgres and TEST_DATABASE_URL, on PostgreSQL. Target (issue 14): processing under 5 s.
//
//   npm run bench:suggestions            # prints the timings; run `uptime` beside it (the machine is shared)
//
// Timed separately: storing the rows (what an import does per day), the rules engine alone (no database),
// and "processing": reading every day's rows, the rules, existing entries and suggestions, and writing the
// suggestions (lib/suggestions/process.ts rebuildDays, one call for the whole year), then again (a re-run
// that finds every suggestion already there).
import { performance } from "node:perf_hooks";
import { createTestDb } from "@/db/testing";
import { year } from "@/e2e/fakes/rescuetime/fixture";
import { saveConnection } from "@/lib/integrations/connections";
import { rescueTime } from "@/lib/integrations/rescuetime";
import { rebuildDays, replaceDayBuckets, type ActivityOwner } from "@/lib/suggestions/process";
import { buildBlocks, DEFAULT_RULES } from "@/lib/suggestions/rules";
import { makeUser } from "@/lib/testing/users";

const ms = (start: number) => Math.round(performance.now() - start);

async function main() {
  const t = await createTestDb();
  try {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const connection = await saveConnection(t.db, user, rescueTime, { label: "RescueTime", settings: {}, credentials: { apiKey: "bench" } });
    const owner: ActivityOwner = { workspaceId: user.workspaceId, userId: user.id, connectionId: connection.id, source: "rescuetime", zone: "UTC" };
    const rows = year("2025-01-01");
    const byDay = new Map<string, typeof rows>();
    for (const r of rows) byDay.set(r.date.slice(0, 10), [...(byDay.get(r.date.slice(0, 10)) ?? []), r]);

    let start = performance.now();
    for (const [day, dayRows] of byDay) {
      await replaceDayBuckets(
        t.db,
        owner,
        day,
        dayRows.map((r) => ({ startAt: new Date(`${r.date}Z`), seconds: r.seconds, activity: r.activity, category: r.category, document: r.document ?? null, productivity: r.productivity })),
      );
    }
    const storeMs = ms(start);

    start = performance.now();
    let engineBlocks = 0;
    for (const dayRows of byDay.values()) {
      const buckets = dayRows.map((r) => ({ startMs: Date.parse(`${r.date}Z`), seconds: r.seconds, activity: r.activity, category: r.category, document: r.document ?? null, productivity: r.productivity }));
      engineBlocks += buildBlocks(buckets, DEFAULT_RULES).length;
    }
    const engineMs = ms(start);

    start = performance.now();
    const first = await rebuildDays(t.db, owner, [...byDay.keys()]);
    const processMs = ms(start);
    start = performance.now();
    const again = await rebuildDays(t.db, owner, [...byDay.keys()]);
    const rerunMs = ms(start);

    console.log(
      JSON.stringify(
        {
          database: t.url ? "postgres" : "pglite",
          days: byDay.size,
          rows: rows.length,
          suggestions: first.added,
          engine_blocks: engineBlocks,
          store_rows_ms: storeMs,
          rules_engine_ms: engineMs,
          process_ms: processMs,
          rerun_ms: rerunMs,
          rerun_added: again.added,
          target_ms: 5000,
          within_target: processMs < 5000,
        },
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
