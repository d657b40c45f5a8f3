import { sql, type SQL } from "drizzle-orm";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { RATE, rateJoins } from "./rates";
import type { ReportFilters } from "./query-schema";

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
  filters: Pick<ReportFilters, "client_id" | "project_id" | "task_id" | "tag_id" | "tags" | "billable" | "description" | "has_project">;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const ints = (ids: number[]) => sql`${`{${ids.join(",")}}`}::int[]`;

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

/** The filters of a report on time_entries `t` (and rate_p, its project), as one SQL condition. */
function filterSql(s: ReportScope): SQL {
  const f = s.filters;
  const parts: SQL[] = [];
  if (s.userIds) parts.push(sql`t.user_id = any(${ints(s.userIds)})`);
  if (f.project_id) parts.push(sql`t.project_id = any(${ints(f.project_id)})`);
  if (f.client_id) parts.push(sql`rate_p.client_id = any(${ints(f.client_id)})`);
  if (f.task_id) parts.push(sql`t.task_id = any(${ints(f.task_id)})`);
  if (f.billable !== undefined) parts.push(sql`t.billable = ${f.billable}`);
  if (f.has_project !== undefined) parts.push(f.has_project ? sql`t.project_id is not null` : sql`t.project_id is null`);
  if (f.description) parts.push(sql`t.description ilike ${`%${escapeLike(f.description)}%`}`);
  if (f.tag_id) {
    parts.push(
      f.tags === "all"
        ? sql`(select count(*) from time_entry_tags et where et.entry_id = t.id and et.tag_id = any(${ints(f.tag_id)})) = ${f.tag_id.length}`
        : sql`exists (select 1 from time_entry_tags et where et.entry_id = t.id and et.tag_id = any(${ints(f.tag_id)}))`,
    );
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Stint's one day rule (lib/reports/day-parts.ts) for a report: the common table expressions
 *   e(id, user_id, project_id, client_id, task_id, billable, description, start_at, end_at, running, rate, first_day, last_day)
 *                    the filtered entries overlapping the range, read from the workspace's (or the one
 *                    member's) start index between two bounds, with their rate (rates.ts)
 *   parts(day, id, user_id, project_id, client_id, task_id, billable, rate, seconds)
 *                    each entry's whole seconds in each local day of the range: an entry across local
 *                    midnight is split there; DST days have 23 or 25 hours (PostgreSQL's zone rules)
 * A running entry counts up to its clock's last whole second before `now`, as everywhere else.
 * `page` narrows `e` to a keyset page (the detailed report): a condition and a limit on (start_at, id).
 */
export function reportCtes(s: ReportScope, page?: { after?: SQL; limit: number }): SQL {
  const days = Math.round((Date.parse(s.end) - Date.parse(s.start)) / 86_400_000);
  if (!Number.isSafeInteger(days) || days < 1) throw new Error(`reportCtes: no days from ${s.start} to ${s.end}`);
  const at = sql`${s.now.toISOString()}::timestamptz`;
  const from = sql`(${s.start}::date::timestamp at time zone ${s.tz})`;
  const to = sql`(${s.end}::date::timestamp at time zone ${s.tz})`;
  const bound =
    s.userIds?.length === 1 ? earliestOverlappingStart(s.userIds[0], from) : workspaceEarliestOverlappingStart(s.workspaceId, from);
  return sql`
    with days as materialized (
      select d::date as day, d at time zone ${s.tz} as day_from, (d + interval '1 day') at time zone ${s.tz} as day_to
      from (select ${s.start}::date::timestamp + i * interval '1 day' as d from generate_series(0, ${sql.raw(String(days - 1))}) as i) as g
    ),
    e as materialized (
      select x.*, (x.start_at at time zone ${s.tz})::date as first_day, (x.end_at at time zone ${s.tz})::date as last_day
      from (
        select t.id, t.user_id, t.project_id, rate_p.client_id, t.task_id, t.billable, t.description, t.start_at,
               case when t.end_at is not null then t.end_at
                    when t.start_at <= ${at} then t.start_at + floor(extract(epoch from ${at} - t.start_at)) * interval '1 second'
                    else t.start_at end as end_at,
               t.end_at is null as running,
               ${RATE} as rate
        from time_entries t
        ${rateJoins(s.workspaceId)}
        where t.workspace_id = ${s.workspaceId}
          and t.start_at >= ${bound}
          and t.start_at < ${to}
          and coalesce(t.end_at, ${at}) > ${from}
          and ${filterSql(s)}
          ${page?.after ? sql`and ${page.after}` : sql``}
        ${page ? sql`order by t.start_at, t.id limit ${page.limit}` : sql``}
      ) as x
    ),
    across as materialized (select * from e where e.first_day <> e.last_day),
    parts as (
      select e.first_day as day, e.id, e.user_id, e.project_id, e.client_id, e.task_id, e.billable, e.rate,
             round(extract(epoch from e.end_at - e.start_at)) as seconds
      from e where e.first_day = e.last_day and e.first_day >= ${s.start}::date and e.first_day < ${s.end}::date
      union all
      select days.day, a.id, a.user_id, a.project_id, a.client_id, a.task_id, a.billable, a.rate,
             round(extract(epoch from least(a.end_at, days.day_to) - greatest(a.start_at, days.day_from))) as seconds
      from days join across a on a.start_at < days.day_to and a.end_at > days.day_from
    )`;
}
