import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { summaryReport } from "@/lib/reports/summary";
import { periodReport } from "@/lib/reports/period";
import { teamReport } from "@/lib/reports/team";
import { explainSent, planNodes, recordingStatements } from "@/lib/testing/statements";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import { getRunningEntryDetails, startTimer, stopTimer } from "@/lib/timer/service";
import { listEntries } from "./list";

// Nearly every read asks for the user's running timer (the clock of a summary, the bound of a range, the
// list's count, the team's running sessions, the timer itself). It must come from the partial index of
// running timers, never from a walk over the user's entries, whatever the planner's version.

let t: TestDb;
let user: TestUser;
beforeAll(async () => {
  t = await createTestDb();
  user = await makeUser(t.db);
  // Five years of entries (every 8 hours) and a running timer, with the statistics and visibility map a
  // served instance keeps (db/statistics.ts): the state in which PostgreSQL 18 preferred the entries' index.
  await t.db.execute(
    sql`insert into time_entries (workspace_id, user_id, start_at, end_at, description)
        select ${user.workspaceId}, ${user.id}, timestamptz '2021-11-01' + i * interval '8 hours', timestamptz '2021-11-01' + i * interval '8 hours' + interval '2 hours', 'e' || i
        from generate_series(1, 5400) i`,
  );
  await t.db.execute(sql`insert into time_entries (workspace_id, user_id, start_at, description) values (${user.workspaceId}, ${user.id}, timestamptz '2026-11-30 09:00Z', 'running')`);
  await t.db.execute(sql`vacuum (analyze) time_entries`);
});
afterAll(() => t.cleanup());

// Indexes that find one row by a unique key: a scan on one of them with `end_at IS NULL` as a condition
// checks one row (e.g. stopping the timer by its id).
const ONE_ROW_INDEXES = ["time_entries_one_running_per_user", "time_entries_pkey", "time_entries_workspace_id_id_key"];

describe("the running timer's lookup", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const reads: [string, (db: TestDb["db"]) => Promise<unknown>][] = [
    ["month summary", (db) => summaryReport(db, user, { start_date: "2026-11-01", end_date: "2026-11-30" }, now)],
    ["period (Overview)", (db) => periodReport(db, user, periodOf("month", "2026-11-01", user.timezone, 1), { now })],
    ["entry list with the running one", (db) => listEntries(db, user, { page: 1, per_page: 20, include_active: true } as Parameters<typeof listEntries>[2], now)],
    ["team report", (db) => teamReport(db, user, now)],
    ["timer status", (db) => getRunningEntryDetails(db, user)],
    ["start (stopping the running one), then stop", async (db) => {
      await startTimer(db, user, { notes: "next" }, { stopRunning: true, now });
      await stopTimer(db, user, {}, new Date(now.getTime() + 60_000));
    }],
  ];

  it.each(reads)("%s: from the running timers' index, never a walk over the user's entries (EXPLAIN)", async (_, read) => {
    const { db, sent } = recordingStatements(t);
    await read(db);
    const lookups = sent.filter((s) => /end_at"? is null/i.test(s.sql));
    expect(lookups.length).toBeGreaterThan(0);
    let fromRunningIndex = 0;
    for (const statement of lookups) {
      const entryScans = planNodes(await explainSent(t.db, statement)).filter((n) => n["Relation Name"] === "time_entries");
      const walks = entryScans.filter((n) => /end_at IS NULL/i.test(`${n["Index Cond"] ?? ""} ${n.Filter ?? ""}`) && !ONE_ROW_INDEXES.includes(n["Index Name"] ?? ""));
      expect(walks.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? ""}: ${n["Index Cond"] ?? n.Filter}`), statement.sql).toEqual([]);
      fromRunningIndex += entryScans.filter((n) => n["Index Name"] === "time_entries_one_running_per_user").length;
    }
    expect(fromRunningIndex).toBeGreaterThan(0);
  });
});
