import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/rows";
import { timeEntries } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { seededRandom } from "@/lib/testing/random";
import { makeUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import { periodOverview } from "./overview";
import { summaryReport } from "./summary";

// The one day rule places a session by integer arithmetic on its whole seconds and the zone's offsets
// (day-parts.ts). Held here against a reference computed from the raw rows: each session split at
// PostgreSQL's own local midnights, each part rounded to whole seconds. Random sessions in zones whose
// clocks change at 02:00 (Berlin), at midnight (Havana: the day begins at 01:00), by half an hour (Lord
// Howe) or never (Kolkata, +5:30), around those changes: across midnights, ending or starting exactly at
// one, sub-second times, up to the 7-day limit, starting up to a week before the range.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/** Each local date's [from, to) in ms, as PostgreSQL's zone rules put its midnights. */
async function midnights(tz: string, first: string, count: number): Promise<{ day: string; from: number; to: number }[]> {
  const rows = await queryRows<{ day: string; from_ms: number; to_ms: number }>(
    t.db,
    sql`select to_char(d, 'YYYY-MM-DD') as day, extract(epoch from d at time zone ${tz}) * 1000 as from_ms,
               extract(epoch from (d + interval '1 day') at time zone ${tz}) * 1000 as to_ms
        from generate_series(${first}::date::timestamp, ${first}::date::timestamp + (${count - 1} * interval '1 day'), interval '1 day') d`,
  );
  return rows.map((r) => ({ day: r.day, from: Number(r.from_ms), to: Number(r.to_ms) }));
}

const CASES: { tz: string; month: string; change: string }[] = [
  { tz: "Europe/Berlin", month: "2026-03-01", change: "2026-03-29T01:00:00Z" },
  { tz: "Europe/Berlin", month: "2026-10-01", change: "2026-10-25T01:00:00Z" },
  { tz: "America/Havana", month: "2026-03-01", change: "2026-03-08T05:00:00Z" },
  { tz: "America/Havana", month: "2026-11-01", change: "2026-11-01T05:00:00Z" },
  { tz: "Australia/Lord_Howe", month: "2026-04-01", change: "2026-04-04T15:00:00Z" },
  { tz: "Asia/Kolkata", month: "2026-02-01", change: "2026-02-01T00:00:00Z" },
];

describe("the one day rule by whole seconds and offsets", () => {
  it.each(CASES)("agrees with PostgreSQL's midnights part by part in $tz, $month", async ({ tz, month, change }) => {
    const user = await makeUser(t.db, { timezone: tz, weekStart: 1 });
    const period = periodOf("month", month, tz, 1);
    const days = await midnights(tz, period.start, period.days.length);
    const next = seededRandom(month.length * 7919 + tz.length);
    const changeMs = Date.parse(change);
    const at = (ms: number) => new Date(Math.round(ms));
    const sessions: { start: number; end: number; billable: boolean }[] = [];
    // Exactly at a local midnight, on either side of it, and across it by sub-seconds.
    for (const d of days.slice(0, 20)) {
      sessions.push({ start: d.from - 1800_000, end: d.from, billable: false });
      sessions.push({ start: d.from, end: d.from + 900_000, billable: true });
      sessions.push({ start: d.from - 400, end: d.from + 600, billable: false });
    }
    // Around the zone's change and anywhere in the month, up to 7 days long, some starting before the range.
    for (let i = 0; i < 150; i++) {
      const earliest = days[0].from - 6 * 86_400_000;
      const base = i % 2 ? changeMs : earliest + next() * (days[days.length - 1].to - earliest);
      const start = base + (next() - 0.6) * 3 * 86_400_000 + Math.floor(next() * 1000) / 1000;
      const length = 1000 + (next() < 0.9 ? next() * 10 * 3_600_000 : next() * 6.9 * 86_400_000);
      sessions.push({ start, end: start + length + (next() < 0.2 ? 500 : 0), billable: next() < 0.5 });
    }
    await t.db.insert(timeEntries).values(sessions.map((s) => ({ workspaceId: user.workspaceId, userId: user.userId, startAt: at(s.start), endAt: at(s.end), billable: s.billable, description: "x" })));

    const expected = new Map(days.map((d) => [d.day, { seconds: 0, billable: 0 }]));
    let counted = 0;
    for (const s of sessions) {
      const [start, end] = [at(s.start).getTime(), at(s.end).getTime()];
      let inRange = false;
      for (const d of days) {
        const part = Math.min(end, d.to) - Math.max(start, d.from);
        if (part <= 0) continue;
        inRange = true;
        const seconds = Math.round(part / 1000);
        expected.get(d.day)!.seconds += seconds;
        if (s.billable) expected.get(d.day)!.billable += seconds;
      }
      if (inRange) counted++;
    }
    const overview = await periodOverview(t.db, user, period, new Date("2027-01-01T00:00:00Z"));
    expect(Object.fromEntries(overview.days.map((d) => [d.date, [d.seconds, d.billable_seconds]]))).toEqual(Object.fromEntries([...expected].map(([day, e]) => [day, [e.seconds, e.billable]])));
    expect(overview.entries).toBe(counted);
    const total = [...expected.values()].reduce((sum, e) => sum + e.seconds, 0);
    expect(total).toBeGreaterThan(0);
    const summary = await summaryReport(t.db, user, { start_date: period.start, end_date: period.days[period.days.length - 1] }, new Date("2027-01-01T00:00:00Z"));
    expect(summary.total_entries).toBe(counted);
    expect(Math.abs(summary.total_hours - total / 3600)).toBeLessThan(0.0051); // hours to two decimals
  });
});
