import { sql, type SQL } from "drizzle-orm";
import type { Period } from "@/lib/time/period";
import { runningEntryOf } from "@/lib/entries/queries";
import { canSeeProject, type Actor } from "@/lib/workspaces/policy";
import type { TeamMember } from "./team";

/** A member's row: the TeamMember fields, with the running session flattened (null when none). */
export type TeamRow = Omit<TeamMember, "running"> & {
  entry_id: number | null;
  description: string | null;
  project_id: number | null;
  project: string | null;
  color: string | null;
  start_at_ms: number | null;
};

const dayCount = (start: string, end: string) => Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);

/**
 * The Team page in ONE statement, whatever the team's size: every member of the workspace with their
 * seconds this week and this month and what they track now. Hours follow Stint's one day rule as
 * lib/reports/day-parts.ts states it for one person (each session counts toward each local day of `tz` for
 * its part inside it, each part rounded on its own; a running session counts up to its clock's last whole
 * second before `now`), here for all members at once: the sessions are read from the workspace's
 * (workspace_id, start_at) index between two bounds, not per member.
 *
 * A private project's name is shown only to whom the project is visible (canSeeProject: its members,
 * owners and admins); others see that the member tracks, on a project they cannot see.
 */
export function teamQuery(actor: Actor, tz: string, week: Period, month: Period, now: Date): SQL {
  const start = week.start < month.start ? week.start : month.start;
  const end = week.end > month.end ? week.end : month.end;
  const days = dayCount(start, end);
  const at = sql`${now.toISOString()}::timestamptz`;
  const from = sql`(${start}::date::timestamp at time zone ${tz})`;
  const to = sql`(${end}::date::timestamp at time zone ${tz})`;
  const ws = actor.workspaceId;
  // The policy decides who sees every private project (as lib/projects/visibility.ts asks it).
  const seesPrivate = canSeeProject(actor, { workspaceId: actor.workspaceId, private: true, memberIds: [] });
  return sql`
    with days as materialized (
      select d::date as day, d at time zone ${tz} as day_from, (d + interval '1 day') at time zone ${tz} as day_to
      from (select ${start}::date::timestamp + i * interval '1 day' as d from generate_series(0, ${sql.raw(String(days - 1))}) as i) as g
    ),
    e as (
      select x.*, (x.start_at at time zone ${tz})::date as first_day, (x.end_at at time zone ${tz})::date as last_day
      from (
        select t.user_id, t.start_at,
               case when t.end_at is not null then t.end_at
                    when t.start_at <= ${at} then t.start_at + floor(extract(epoch from ${at} - t.start_at)) * interval '1 second'
                    else t.start_at end as end_at
        from time_entries t
        where t.workspace_id = ${ws}
          -- No session is longer than 7 days but a running one or one saved before that rule (see
          -- earliestOverlappingStart): the workspace's earliest of those bounds the index range.
          and t.start_at >= least(${from} - interval '7 days',
                (select min(r.start_at) from time_entries r where r.workspace_id = ${ws} and r.end_at is null),
                (select min(l.start_at) from time_entries l where l.workspace_id = ${ws} and l.end_at - l.start_at > interval '7 days' and l.end_at > ${from}))
          and t.start_at < ${to}
      ) as x
      where x.end_at > ${from}
    ),
    across as materialized (select * from e where e.first_day <> e.last_day),
    parts as (
      select e.user_id, e.first_day as day, round(extract(epoch from e.end_at - e.start_at)) as seconds
      from e where e.first_day = e.last_day
      union all
      select a.user_id, days.day, round(extract(epoch from least(a.end_at, days.day_to) - greatest(a.start_at, days.day_from))) as seconds
      from days join across a on a.start_at < days.day_to and a.end_at > days.day_from
    ),
    totals as (
      select user_id,
             sum(seconds) filter (where day >= ${week.start}::date and day < ${week.end}::date) as week_seconds,
             sum(seconds) filter (where day >= ${month.start}::date and day < ${month.end}::date) as month_seconds
      from parts group by user_id
    )
    select m.user_id, u.name, u.email, m.role,
           coalesce(tt.week_seconds, 0)::float8 as week_seconds, coalesce(tt.month_seconds, 0)::float8 as month_seconds,
           r.id as entry_id, r.description, r.project_id,
           case when visible.ok then p.name else null end as project,
           case when visible.ok then p.color else null end as color,
           (extract(epoch from r.start_at) * 1000)::float8 as start_at_ms
    from workspace_members m
    join users u on u.id = m.user_id
    left join totals tt on tt.user_id = m.user_id
    -- The member's running session in this workspace, from the one-running-per-user index.
    left join lateral (
      select t.id, t.description, t.project_id, t.start_at from time_entries t
      where ${runningEntryOf("t", sql`m.user_id`, ws)} and t.start_at <= ${at}
    ) r on true
    left join projects p on p.id = r.project_id
    cross join lateral (select p.id is null or not p.private or ${seesPrivate}
                          or exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId}) as ok) visible
    where m.workspace_id = ${ws}
    order by lower(u.name), m.user_id`;
}
