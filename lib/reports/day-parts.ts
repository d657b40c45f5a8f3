import { sql, type SQL } from "drizzle-orm";

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
 *   clock(as_of)
 *   days(day, day_from, day_to)             every local date of the range and its bounds as instants
 *   e(id, project_id, billable, start_at, end_at, running)   the sessions overlapping the range
 *   parts(day, id, project_id, billable, seconds)            each session's whole seconds in each day
 */
export function dayParts(r: DayPartsRange): SQL {
  const now = sql`${r.now.toISOString()}::timestamptz`;
  const from = sql`(${r.start}::date::timestamp at time zone ${r.timezone})`;
  const to = sql`(${r.end}::date::timestamp at time zone ${r.timezone})`;
  return sql`
    with clock as (
      select coalesce(
        (select t.start_at + floor(extract(epoch from ${now} - t.start_at)) * interval '1 second'
           from time_entries t where t.user_id = ${r.userId} and t.end_at is null and t.workspace_id = ${r.workspaceId} and t.start_at <= ${now}),
        ${now}) as as_of
    ),
    days as (
      select d::date as day,
             d at time zone ${r.timezone} as day_from,
             (d + interval '1 day') at time zone ${r.timezone} as day_to
      from generate_series(${r.start}::date::timestamp, ${r.end}::date::timestamp - interval '1 day', interval '1 day') as d
    ),
    e as (
      select t.id, t.project_id, t.billable, t.start_at, coalesce(t.end_at, greatest(clock.as_of, t.start_at)) as end_at, t.end_at is null as running
      from time_entries t, clock
      where t.workspace_id = ${r.workspaceId}
        and t.user_id = ${r.userId}
        and t.start_at < ${to}
        and coalesce(t.end_at, clock.as_of) > ${from}
        ${r.projectId ? sql`and t.project_id = ${r.projectId}` : sql``}
    ),
    parts as (
      select days.day, e.id, e.project_id, e.billable,
             round(extract(epoch from least(e.end_at, days.day_to) - greatest(e.start_at, days.day_from))) as seconds
      from days
      join e on e.start_at < days.day_to and e.end_at > days.day_from
    )`;
}
