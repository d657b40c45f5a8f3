import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { RATE, rateCtes, rateJoins } from "./rates";
import type { ReportFilters } from "./query-schema";
import { localDaysSql, toLocalDays, type LocalDays } from "./local-days";

/** What the SQL of a report reads: the workspace, whose time, the local dates and the filters. */
export type ReportScope = {
  workspaceId: number;
  /** The zone as PostgreSQL knows it (sqlTimeZone). */
  tz: string;
  /** First local date, and the first local date after the range. */
  start: string;
  end: string;
  now: Date;
  /** Whose entries: these members, or null for the whole workspace. */
  userIds: number[] | null;
  /** The earliest start an entry overlapping the range can have (earliestStart()), as ISO text. */
  bound: string;
  /** The local days from the bound's to `end`, as pieces of zone offset (local-days.ts). */
  days: LocalDays;
  filters: Pick<ReportFilters, "client_id" | "project_id" | "task_id" | "tag_id" | "tags" | "billable" | "description" | "has_project">;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The earliest start of an entry of the workspace that overlaps a range beginning at `from`: what
 * earliestOverlappingStart (lib/entries/queries.ts) is for one member, for the workspace (as
 * lib/reports/team-query.ts bounds it): no entry is longer than 7 days but a running one or one saved before
 * that rule, each looked up on its own.
 */
function workspaceEarliestOverlappingStart(workspaceId: number, from: SQL): SQL {
  return sql`least(${from} - interval '7 days',
    (select min(r.start_at) from time_entries r where r.workspace_id = ${workspaceId} and r.end_at is null),
    (select min(l.start_at) from time_entries l where l.workspace_id = ${workspaceId} and l.end_at - l.start_at > interval '7 days' and l.end_at > ${from}))`;
}

/**
 * The earliest start an entry of the scope overlapping the range can have, looked up before the report's
 * query: as a constant, the planner estimates the index range from its statistics (as a subquery it guessed
 * a few hundred rows of a year's 200,000, and sorted them on disk). In the same round trip: the zone's
 * offsets over the local days from that bound's to `end` (local-days.ts).
 */
export async function earliestStart(db: Db, s: Omit<ReportScope, "bound" | "days">): Promise<{ bound: string; days: LocalDays }> {
  const from = sql`(${s.start}::date::timestamp at time zone ${s.tz})`;
  const bound = s.userIds?.length === 1 ? earliestOverlappingStart(s.userIds[0], from) : workspaceEarliestOverlappingStart(s.workspaceId, from);
  const [row] = await queryRows<{ bound: string } & Parameters<typeof toLocalDays>[0]>(
    db,
    sql`with b as (select ${bound} as bound)
        select to_char(b.bound at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as bound, d.*
        from b cross join lateral (${localDaysSql(s.tz, sql`(b.bound at time zone ${s.tz})::date`, sql`${s.end}::date`)}) d`,
  );
  return { bound: row.bound, days: toLocalDays(row) };
}

/** The filters of a report on time_entries `t`, as one SQL condition. */
function filterSql(s: ReportScope): SQL {
  const f = s.filters;
  const parts: SQL[] = [];
  if (s.userIds) parts.push(sql`t.user_id = any(${intArray(s.userIds)})`);
  if (f.project_id) parts.push(sql`t.project_id = any(${intArray(f.project_id)})`);
  // The projects of those clients, looked up once (a hashed subplan), not a join per entry.
  if (f.client_id) parts.push(sql`t.project_id in (select cp.id from projects cp where cp.workspace_id = ${s.workspaceId} and cp.client_id = any(${intArray(f.client_id)}))`);
  if (f.task_id) parts.push(sql`t.task_id = any(${intArray(f.task_id)})`);
  if (f.billable !== undefined) parts.push(sql`t.billable = ${f.billable}`);
  if (f.has_project !== undefined) parts.push(f.has_project ? sql`t.project_id is not null` : sql`t.project_id is null`);
  if (f.description) parts.push(sql`t.description ilike ${`%${escapeLike(f.description)}%`}`);
  if (f.tag_id) {
    parts.push(
      f.tags === "all"
        ? sql`t.tag_ids @> ${intArray(f.tag_id)}`
        : sql`t.tag_ids && ${intArray(f.tag_id)}`,
    );
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Where a running entry `t` ends: its clock's last whole second before `at`, as everywhere else. */
export function entryEndSql(at: SQL): SQL {
  return sql`case when t.end_at is not null then t.end_at
                  when t.start_at <= ${at} then t.start_at + floor(extract(epoch from ${at} - t.start_at)) * interval '1 second'
                  else t.start_at end`;
}

/**
 * The entries `t` of a report: the workspace's (or the one member's) that overlap the range, read from the start
 * index between two bounds, and the filters. (The end's condition spelled out rather than as coalesce(end_at, at):
 * the planner estimates it from end_at's statistics, where it guessed a third of the rows and hashed them.)
 */
export function scanWhereSql(s: ReportScope, at: SQL): SQL {
  const from = sql`(${s.start}::date::timestamp at time zone ${s.tz})`;
  const to = sql`(${s.end}::date::timestamp at time zone ${s.tz})`;
  return sql`t.workspace_id = ${s.workspaceId}
        and t.start_at >= ${s.bound}::timestamptz
        and t.start_at < ${to}
        and (t.end_at > ${from} or (t.end_at is null and ${at} > ${from}))
        and ${filterSql(s)}`;
}

/**
 * The parts (day, seconds) of an entry `a` (start_at, end_at, first_day) across local midnights, in each local
 * day of the range, each rounded to whole seconds on its own: for a lateral join (keep seconds > 0).
 */
export function splitPartsSql(s: ReportScope, a: string): SQL {
  const x = sql.raw(a);
  return sql`
    select d.day, round(extract(epoch from least(${x}.end_at, (d.day + 1)::timestamp at time zone ${s.tz}) - greatest(${x}.start_at, d.day::timestamp at time zone ${s.tz})))::int as seconds
    from (select g::date as day from generate_series(greatest(${x}.first_day, ${s.start}::date), least((${x}.end_at at time zone ${s.tz})::date, ${s.end}::date - 1), interval '1 day') g) d`;
}

/**
 * Stint's one day rule (lib/reports/day-parts.ts) for a report: the common table expressions
 *   e(id, user_id, project_id, client_id, task_id, billable, [rate,] start_at, end_at, first_day, split)
 *                    the filtered entries overlapping the range, read from the workspace's (or the one
 *                    member's) start index between two bounds, with their rate (rates.ts)
 *   parts(day, id, user_id, project_id, client_id, task_id, billable, rate, first_day, split, seconds)
 *                    each entry's whole seconds in each local day of the range: an entry across local
 *                    midnight is split there (split: true on each of its parts); DST days have 23 or 25
 *                    hours (PostgreSQL's zone rules)
 * A running entry counts up to its clock's last whole second before `now`, as everywhere else.
 * `page` narrows `e` to a keyset page (the detailed report): a condition and a limit on (start_at, id).
 *
 * Only the few entries across a midnight are split (a generate_series of their own days); the others are
 * one part each, their day the local date of their start.
 */
export function reportCtes(s: ReportScope, opts: { page?: { after?: SQL; limit: number }; rates?: boolean; clients?: boolean } = {}): SQL {
  const days = Math.round((Date.parse(s.end) - Date.parse(s.start)) / 86_400_000);
  if (!Number.isSafeInteger(days) || days < 1) throw new Error(`reportCtes: no days from ${s.start} to ${s.end}`);
  const { page } = opts;
  const at = sql`${s.now.toISOString()}::timestamptz`;
  const bound = sql`${s.bound}::timestamptz`;
  const end = entryEndSql(at);
  // The client (and the rate) only when the report needs them: a hash join each over every entry otherwise.
  const clients = opts.clients || opts.rates;
  // In whole cents (rates are numeric(12,2)): an integer to group by; amounts multiply it back in numeric.
  const rate = opts.rates ? sql`, (${RATE} * 100)::bigint as rate_cents` : sql``;
  const cols = sql.raw(`id, user_id, project_id, client_id, task_id, billable${opts.rates ? ", rate_cents" : ""}`);
  return sql`
    with ${rateCtes(s.workspaceId)},
    -- Each local day an entry may start on, with the instant it ends: an entry is split when it ends after
    -- its first day does (one zone conversion per entry, and a hash join on this small table, instead of two).
    start_days as materialized (
      select d::date as day, (d + interval '1 day') at time zone ${s.tz} as day_to
      from generate_series(((${bound} at time zone ${s.tz})::date)::timestamp, ${s.end}::date::timestamp, interval '1 day') as d
    ),
    ${
      page
        ? sql`-- The page's entries first, straight off the start index; then the joins below hash this page. (With the
    -- limit on the joined rows, PostgreSQL kept the index order through nested loops that compared each entry
    -- with every rate and every day: ~380,000 zone conversions per page of 1,000.)
    page_entries as materialized (
      select t.* from time_entries t
      where ${scanWhereSql(s, at)} ${page.after ? sql`and ${page.after}` : sql``}
      order by t.start_at, t.id limit ${page.limit}
    ),`
        : sql``
    }
    e as materialized (
      select t.id, t.user_id, t.project_id, ${clients ? sql`rate_pr.client_id` : sql`null::int`} as client_id, t.task_id, t.billable ${rate},
             t.start_at, x.end_at, x.first_day, x.end_at > sd.day_to as split
      from ${page ? sql`page_entries` : sql`time_entries`} t
      cross join lateral (select ${end} as end_at, (t.start_at at time zone ${s.tz})::date as first_day) x
      join start_days sd on sd.day = x.first_day
      ${opts.rates ? rateJoins("t") : clients ? sql`left join report_project_rates rate_pr on rate_pr.project_key = coalesce(t.project_id, 0)` : sql``}
      ${page ? sql`` : sql`where ${scanWhereSql(s, at)}`}
    ),
    -- Not materialized: each reader's filter on split reaches the branch it needs.
    parts as not materialized (
      select e.first_day as day, ${cols}, e.first_day, false as split, round(extract(epoch from e.end_at - e.start_at))::int as seconds
      from e where not e.split
      union all
      select g.day, ${cols}, a.first_day, true, g.seconds
      from (select * from e where e.split) a
      cross join lateral (${splitPartsSql(s, "a")}) g
      where g.seconds > 0
    )`;
}
