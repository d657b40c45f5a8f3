import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { Period } from "@/lib/time/period";
import { sqlTimeZone } from "@/lib/users/database-zones";

export type OverviewProject = {
  project_id: number | null;
  project: string | null;
  color: string | null;
  client: string | null;
  seconds: number;
  billable_seconds: number;
};

export type Overview = {
  kind: Period["kind"];
  start_date: string;
  /** Last date of the period (inclusive). */
  end_date: string;
  timezone: string;
  total_seconds: number;
  billable_seconds: number;
  entries: number;
  days: { date: string; seconds: number; billable_seconds: number; projects: { project_id: number | null; seconds: number }[] }[];
  projects: OverviewProject[];
};

type Row = {
  day: string;
  project_id: number | null;
  project: string | null;
  color: string | null;
  client: string | null;
  seconds: number;
  billable_seconds: number;
};

/**
 * Totals of a period per local day and project, computed in SQL: each session counts toward each local
 * day for the part inside it (local midnights come from the user's zone, so DST days have 23 or 25
 * hours), and a running session counts up to now.
 */
export async function periodOverview(db: Db, user: { id: number; timezone: string }, period: Period, now: Date = new Date()): Promise<Overview> {
  const tz = await sqlTimeZone(db, user.timezone);
  const rows = await queryRows<Row>(
    db,
    sql`
    with days as (
      select d::date as day,
             d at time zone ${tz} as day_from,
             (d + interval '1 day') at time zone ${tz} as day_to
      from generate_series(${period.start}::date::timestamp, ${period.end}::date::timestamp - interval '1 day', interval '1 day') as d
    ),
    e as (
      select id, project_id, billable, start_at, coalesce(end_at, greatest(${now.toISOString()}::timestamptz, start_at)) as end_at
      from time_entries
      where user_id = ${user.id} and start_at < ${period.to.toISOString()}::timestamptz and coalesce(end_at, ${now.toISOString()}::timestamptz) > ${period.from.toISOString()}::timestamptz
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
           e.project_id,
           p.name as project, p.color, c.name as client,
           sum(extract(epoch from least(e.end_at, days.day_to) - greatest(e.start_at, days.day_from)))::float8 as seconds,
           sum(case when e.billable then extract(epoch from least(e.end_at, days.day_to) - greatest(e.start_at, days.day_from)) else 0 end)::float8 as billable_seconds
    from days
    join e on e.start_at < days.day_to and e.end_at > days.day_from
    left join projects p on p.id = e.project_id
    left join clients c on c.id = p.client_id
    group by days.day, e.project_id, p.name, p.color, c.name
    order by days.day`,
  );
  const [{ entries }] = await queryRows<{ entries: number }>(
    db,
    sql`select count(*)::int as entries from time_entries
        where user_id = ${user.id} and start_at < ${period.to.toISOString()}::timestamptz and coalesce(end_at, ${now.toISOString()}::timestamptz) > ${period.from.toISOString()}::timestamptz`,
  );

  const days = new Map(period.days.map((date) => [date, { date, seconds: 0, billable_seconds: 0, projects: [] as { project_id: number | null; seconds: number }[] }]));
  const projects = new Map<number | null, OverviewProject>();
  for (const r of rows) {
    const seconds = Math.round(Number(r.seconds));
    const billable = Math.round(Number(r.billable_seconds));
    const day = days.get(r.day)!;
    day.seconds += seconds;
    day.billable_seconds += billable;
    day.projects.push({ project_id: r.project_id, seconds });
    const p = projects.get(r.project_id) ?? { project_id: r.project_id, project: r.project, color: r.color, client: r.client, seconds: 0, billable_seconds: 0 };
    p.seconds += seconds;
    p.billable_seconds += billable;
    projects.set(r.project_id, p);
  }
  const dayList = [...days.values()];
  return {
    kind: period.kind,
    start_date: period.start,
    end_date: period.days[period.days.length - 1],
    timezone: tz,
    total_seconds: dayList.reduce((s, d) => s + d.seconds, 0),
    billable_seconds: dayList.reduce((s, d) => s + d.billable_seconds, 0),
    entries: Number(entries),
    days: dayList,
    projects: [...projects.values()].sort((a, b) => b.seconds - a.seconds),
  };
}
