import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { earliestOverlappingStart, runningEntryOf } from "@/lib/entries/queries";
import { addDays } from "@/lib/time/period";
import { localDaysSql, localOffsetSql, toLocalDays, type LocalDays } from "./builder/local-days";

export type DayPartsRange = {
  workspaceId: number;
  /** Whose sessions (a member of the workspace). */
  userId: number;
  timezone: string;
  /** First local date of the range. */
  start: string;
  /** First local date after the range. */
  end: string;
  now: Date;
  projectId?: number;
};

/**
 * Stint's one day rule, for every total it shows (Timer page, Overview, API reports): a session counts
 * toward each local day of the user's zone for the part of it inside that day. Local midnights come
 * from PostgreSQL's zone rules, so DST days have 23 or 25 hours. Each part is rounded to whole seconds
 * on its own, as a session's row rounds its duration, so a day's total is the sum of its rows.
 *
 * A running session counts up to `as_of`: `now` moved back (by under a second) to a whole second of the
 * running clock, so that a browser adding the seconds since `as_of` shows the same count as the timer.
 *
 * The common table expressions this returns (append a `select` over them):
 *   clock(as_of, running_id, running_project_id, running_billable, running_in_range)
 *                                           as_of, and the user's running session if there is one (whatever
 *                                           its project); running_in_range: it is one of e's sessions
 *   days(day, day_from, day_to)             every local date of the range and its bounds as instants
 *   e(id, project_id, billable, start_at, end_at, first_day, last_day, seconds)   the sessions
 *                                           overlapping the range (an index range on both sides: see
 *                                           earliestOverlappingStart), the local dates of their start and
 *                                           end, their whole seconds
 *   parts(day, id, project_id, billable, seconds, n)         each session's whole seconds in each day;
 *                                           n is 1 on a session's first day in the range, else 0 (sum(n)
 *                                           counts sessions without a count(distinct id))
 */
export async function dayParts(db: Db, r: DayPartsRange): Promise<SQL> {
  const zone = await zoneOffsets(db, r);
  const days = Math.round((Date.parse(r.end) - Date.parse(r.start)) / 86_400_000);
  if (!Number.isSafeInteger(days) || days < 1) throw new Error(`dayParts: no days from ${r.start} to ${r.end}`);
  // A session's local dates by integer arithmetic on its whole seconds (migration 0022's columns) and the
  // zone's offsets as constants (local-days.ts), instead of two zone conversions per session (~14 % of
  // PGlite's time for a month's overview): day = start's UTC day + floor((its second + offset) / 86400), the
  // end's rounded up and counted as the day it ends in (an end at midnight is the day before's: the same
  // parts as before, as a session ending at midnight has no part in the next day). A running session and
  // one of 20,000 days or more have no end columns: converted as before.
  const epochDay = sql`date '1969-12-31'`; // day zero: the arithmetic's division counts from 1 (local-days.ts)
  const startOffset = localOffsetSql(zone, sql`x.start_at`, { type: "int", plus: 86400 });
  const endOffset = localOffsetSql(zone, sql`x.end_at`, { type: "int", endOf: true, plus: 86399 });
  const now = sql`${r.now.toISOString()}::timestamptz`;
  const from = sql`(${r.start}::date::timestamp at time zone ${r.timezone})`;
  const to = sql`(${r.end}::date::timestamp at time zone ${r.timezone})`;
  return sql`
    with clock as (
      select k.as_of, k.running_id, k.running_project_id, k.running_billable,
             coalesce(k.running_start < ${to} and k.as_of > ${from}, false) as running_in_range
      from (
        select coalesce(case when t.start_at <= ${now} then t.start_at + floor(extract(epoch from ${now} - t.start_at)) * interval '1 second' end, ${now}) as as_of,
               t.id as running_id, t.project_id as running_project_id, t.billable as running_billable, t.start_at as running_start
        from (select) as one
        left join time_entries t on ${runningEntryOf("t", r.userId, r.workspaceId)}
      ) as k
    ),
    days as materialized (
      -- Materialized: each day's bounds are computed once (the zone rules are not cheap), not in every
      -- comparison of the join below.
      select d::date as day,
             d at time zone ${r.timezone} as day_from,
             (d + interval '1 day') at time zone ${r.timezone} as day_to
      -- The day count as a literal: PostgreSQL then estimates exactly that many rows (a generate_series of
      -- timestamps, or of parameters, is estimated at 1,000, which made the plan look 30 times dearer than
      -- it is and tripped the JIT compiler: ~1 s of compiling for a 40 ms query).
      from (select ${r.start}::date::timestamp + i * interval '1 day' as d from generate_series(0, ${sql.raw(String(days - 1))}) as i) as g
    ),
    e as (
      select x.id, x.project_id, x.billable, x.start_at, x.end_at,
             ${epochDay} + (x.start_utc_day + (x.start_utc_second + ${startOffset}) / 86400) as first_day,
             coalesce(${epochDay} + (x.start_utc_day + (x.end_utc_second + ${endOffset}) / 86400), (x.end_at at time zone ${r.timezone})::date) as last_day,
             coalesce(x.duration_seconds::bigint, round(extract(epoch from x.end_at - x.start_at))::bigint) as seconds
      from (
      select t.id, t.project_id, t.billable, t.start_at, coalesce(t.end_at, greatest(clock.as_of, t.start_at)) as end_at,
             t.start_utc_day, t.start_utc_second, t.end_utc_second, t.duration_seconds
      from time_entries t, clock
      where t.workspace_id = ${r.workspaceId}
        and t.user_id = ${r.userId}
        and t.start_at >= ${earliestOverlappingStart(r.userId, from)}
        and t.start_at < ${to}
        and coalesce(t.end_at, clock.as_of) > ${from}
        ${r.projectId ? sql`and t.project_id = ${r.projectId}` : sql``}
      ) as x
    ),
    -- A session within one local day is all on that day; only the few across a midnight are matched
    -- against the days (comparing every session with every day of a month cost 30 comparisons each).
    -- Materialized so that they are picked out once, not once per day.
    across as materialized (select * from e where e.first_day <> e.last_day),
    parts as (
      select e.first_day as day, e.id, e.project_id, e.billable, e.seconds, 1 as n
      from e where e.first_day = e.last_day
      union all
      select days.day, a.id, a.project_id, a.billable,
             round(extract(epoch from least(a.end_at, days.day_to) - greatest(a.start_at, days.day_from)))::bigint as seconds,
             -- A session from before the range has its first part in the range on the range's first day.
             (days.day = greatest(a.first_day, ${r.start}::date))::int as n
      from days
      join across a on a.start_at < days.day_to and a.end_at > days.day_from
    )`;
}

// Zone offsets by zone and range, per database handle: PostgreSQL's zone rules do not change while it runs,
// and the same few periods (this week, this month) are asked for again and again.
const offsetsByDb = new WeakMap<object, Map<string, Promise<LocalDays>>>();
const KEPT_RANGES = 200;

/**
 * The zone's offsets (local-days.ts) for dayParts: over the range and 8 days either side, so that a session
 * of up to 7 days that reaches into the range is placed by its own offsets; a longer one (saved before the
 * length rule, or a timer running for weeks) starts or ends more than a day from the range and is split at
 * the range's midnights whatever an hour's difference makes of its dates.
 */
function zoneOffsets(db: Db, r: Pick<DayPartsRange, "timezone" | "start" | "end">): Promise<LocalDays> {
  let kept = offsetsByDb.get(db);
  if (!kept) offsetsByDb.set(db, (kept = new Map()));
  const key = `${r.timezone}|${r.start}|${r.end}`;
  let offsets = kept.get(key);
  if (!offsets) {
    offsets = queryRows<Parameters<typeof toLocalDays>[0]>(db, sql`${localDaysSql(r.timezone, sql`${addDays(r.start, -8)}::date`, sql`${addDays(r.end, 8)}::date`)}`).then(([row]) => toLocalDays(row));
    offsets.catch(() => kept.delete(key)); // the database briefly away: asked again next time
    if (kept.size >= KEPT_RANGES) kept.delete(kept.keys().next().value!);
    kept.set(key, offsets);
  }
  return offsets;
}
