import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { RATE, rateCtes, rateJoins } from "@/lib/reports/builder/rates";
import { sqlTimeZone } from "@/lib/users/database-zones";
import { actingWorkspace, type MemberActor } from "@/lib/workspaces/actor";
import { can } from "@/lib/workspaces/policy";
import { budgetProgress, estimateProgress } from "./progress";
import { serializeProject, type ProjectWithClient } from "./service";
import { visibleProjects } from "./visibility";

/** What a project has tracked and earned, as its page, the project list and the report's project groups show it. */
export type ProjectStats = {
  /** Every session of the project, a running one up to now (whole seconds, by the reports' day rule). */
  trackedSeconds: number;
  /** The part of them inside this calendar month in the user's zone (split at local midnight, as the Overview). */
  monthSeconds: number;
  /** Of trackedSeconds, the sessions marked billable. */
  billableSeconds: number;
  /** Billable seconds × each entry's rate (rates.ts precedence), to the cent, as decimal text ("123.45"); null without a rate. */
  billableAmount: string | null;
  /** The project's estimate (hours) and budget (amount), as decimal text, null when unset. */
  estimatedHours: string | null;
  budgetAmount: string | null;
  /** budget_amount − billableAmount in numeric (negative: over budget); null without a budget or an amount. */
  budgetRemaining: string | null;
};

type Row = {
  project_id: number;
  seconds: number;
  month_seconds: number;
  billable_seconds: number;
  billable_amount: string | null;
  estimated_hours: string | null;
  budget_amount: string | null;
  budget_remaining: string | null;
};

const NONE: ProjectStats = { trackedSeconds: 0, monthSeconds: 0, billableSeconds: 0, billableAmount: null, estimatedHours: null, budgetAmount: null, budgetRemaining: null };

/**
 * The tracked time and amount of some of the workspace's projects (every member's, or the actor's own for a
 * member, as the reports read them), in one statement whatever their number; projects the actor may not see
 * are left out (and, withPlansOnly, those without an estimate or a budget). Each project's sessions are read through the (workspace_id, project_id, start_at) index.
 *
 * Time and money are the grouped report's for the project over all time (lib/reports/builder): an entry's
 * seconds are whole seconds per local day (an entry across midnight is split there, each part rounded, and a
 * running one counts up to its clock's last whole second), each entry is priced by rateCtes/RATE (member on
 * project > project > client > member > workspace default), and the amount is
 * round(Σ billable seconds × rate in cents / 360000, 2) in numeric, as grouped-sql.ts prices a group (the sum
 * taken per (project, member), whose rate is one, instead of per rate: the same exact numeric total).
 * The month's bounds are the user's local midnights, as the Overview computes its days, so this month's
 * figure equals the Overview's month total for the project.
 */
export async function projectStats(
  db: Db,
  actor: MemberActor,
  projectIds: number[],
  now: Date = new Date(),
  opts: { withPlansOnly?: boolean } = {},
): Promise<Map<number, ProjectStats>> {
  // Everyone's time on the project for those who report on the team; a member's own time otherwise.
  const everyone = can(actor, "report.read", { workspaceId: actor.workspaceId });
  const stats = new Map<number, ProjectStats>();
  if (projectIds.length === 0) return stats;
  const tz = await sqlTimeZone(db, actor.timezone);
  const at = sql`${now.toISOString()}::timestamptz`;
  const ids = intArray(projectIds);
  const visible = visibleProjects(actor);
  // Only projects with an estimate or a budget (the report's progress): the others' entries are not read.
  const planned = opts.withPlansOnly ? sql`and (projects.estimated_hours is not null or projects.budget_amount is not null)` : sql``;
  const rows = await queryRows<Row>(
    db,
    sql`
    with ${rateCtes(actor.workspaceId, { projectIds })},
    asked as (
      select projects.id, projects.estimated_hours, projects.budget_amount from projects
      where projects.workspace_id = ${actor.workspaceId} and projects.id = any(${ids}) ${visible ? sql`and ${visible}` : sql``} ${planned}
    ),
    bounds as (
      select date_trunc('month', ${at} at time zone ${tz}) at time zone ${tz} as month_from,
             (date_trunc('month', ${at} at time zone ${tz}) + interval '1 month') at time zone ${tz} as month_to
    ),
    x as (
      select y.*, (y.start_at at time zone ${tz})::date as first_day,
             -- Microseconds since 1970 (date_part's float8 holds them exactly): their sub-second parts.
             (date_part('epoch', y.start_at) * 1000000)::bigint as start_us, (date_part('epoch', y.end_at) * 1000000)::bigint as end_us
      from (
      select e.project_id, e.user_id, e.billable, e.start_at,
             case when e.end_at is not null then e.end_at
                  when e.start_at <= ${at} then e.start_at + floor(extract(epoch from ${at} - e.start_at)) * interval '1 second'
                  else e.start_at end as end_at
      from time_entries e
      where e.workspace_id = ${actor.workspaceId} and e.project_id = any(${ids}) and e.project_id in (select id from asked)
        ${everyone ? sql`` : sql`and e.user_id = ${actor.userId}`}
      ) y
    ),
    -- Each entry's whole seconds by the day rule (entries-sql.ts): one part, or one rounded part per local day.
    -- Splitting changes the sum only when the parts' fractions do not add up to whole seconds: when start and
    -- end have different sub-second parts (a stopped timer), or both end in exactly .5 s (each part rounds
    -- up). Only those entries pay for the zone conversions; the others (typed times, running timers) are
    -- their whole rounded length.
    xs as (
      select x.*, case when (x.start_us % 1000000) = (x.end_us % 1000000) and (x.start_us % 1000000) <> 500000
                            or x.end_at <= (x.first_day + 1)::timestamp at time zone ${tz}
                       then round(extract(epoch from x.end_at - x.start_at))::int
                       else (select coalesce(sum(d.s), 0) from (
                               select round(extract(epoch from least(x.end_at, (g::date + 1)::timestamp at time zone ${tz}) - greatest(x.start_at, g::date::timestamp at time zone ${tz})))::int as s
                               from generate_series(x.first_day, (x.end_at at time zone ${tz})::date, interval '1 day') g) d
                             where d.s > 0) end as seconds
      from x
    ),
    -- By (project, member) first: a rate depends on nothing else, so entries are priced a few rows at a time
    -- (rateCtes/RATE, joined to these sums instead of to every entry), as the report adds up a group by rate.
    by_member as (
      select xs.project_id, xs.user_id, sum(xs.seconds) as seconds,
             sum(case when xs.billable then xs.seconds else 0 end) as billable_seconds,
             coalesce(sum(extract(epoch from least(xs.end_at, b.month_to) - greatest(xs.start_at, b.month_from)))
                      filter (where xs.start_at < b.month_to and xs.end_at > b.month_from), 0) as month_seconds
      from xs cross join bounds b
      group by xs.project_id, xs.user_id
    ),
    s as (
      select m.project_id, sum(m.seconds) as seconds, sum(m.billable_seconds) as billable_seconds, round(sum(m.month_seconds)) as month_seconds,
             sum(m.billable_seconds::numeric * (${RATE} * 100)::bigint) / 360000 as amount
      from by_member m
      ${rateJoins("m")}
      group by m.project_id
    ),
    priced as (
      -- No entry yet: 0.00 when a rate applies to the project (its own, its client's or the default), else none.
      select a.id as project_id, a.estimated_hours, a.budget_amount, s.seconds, s.month_seconds, s.billable_seconds,
             round(coalesce(s.amount, case when pr.rate is not null and s.project_id is null then 0 end), 2) as amount
      from asked a
      left join s on s.project_id = a.id
      left join report_project_rates pr on pr.project_key = a.id
    )
    select project_id,
           coalesce(seconds, 0)::float8 as seconds,
           coalesce(month_seconds, 0)::float8 as month_seconds,
           coalesce(billable_seconds, 0)::float8 as billable_seconds,
           amount::text as billable_amount,
           estimated_hours::text as estimated_hours,
           budget_amount::text as budget_amount,
           (budget_amount - amount)::text as budget_remaining
    from priced`,
  );
  for (const r of rows) {
    stats.set(Number(r.project_id), {
      trackedSeconds: Number(r.seconds),
      monthSeconds: Number(r.month_seconds),
      billableSeconds: Number(r.billable_seconds),
      billableAmount: r.billable_amount,
      estimatedHours: r.estimated_hours,
      budgetAmount: r.budget_amount,
      budgetRemaining: r.budget_remaining,
    });
  }
  return stats;
}

const num = (v: string | null) => (v == null ? null : Number(v));

/** A project's progress against its estimate and budget (all time), from its figures. */
export function projectProgress(s: ProjectStats) {
  return {
    estimate: estimateProgress(s.trackedSeconds, num(s.estimatedHours)),
    budget: budgetProgress(num(s.billableAmount), num(s.budgetAmount), num(s.budgetRemaining)),
  };
}

/**
 * The API's project: its fields, then what it tracked and earned, in the workspace's currency (its rates are
 * the workspace's, as in reports), and its progress against its estimate and budget (all time).
 */
function withStats(p: ProjectWithClient, s: ProjectStats, currency: string) {
  const { estimate, budget } = projectProgress(s);
  return {
    ...serializeProject(p),
    tracked_seconds: s.trackedSeconds,
    tracked_seconds_this_month: s.monthSeconds,
    billable_seconds: s.billableSeconds,
    billable_amount: s.billableAmount == null ? null : Number(s.billableAmount),
    currency,
    estimate_progress: estimate?.share ?? null,
    estimate_remaining_seconds: estimate?.remainingSeconds ?? null,
    budget_spent: budget?.spent ?? null,
    budget_progress: budget?.share ?? null,
    budget_remaining: budget?.remaining ?? null,
  };
}

export type ProjectWithStats = ReturnType<typeof withStats>;

/** Serializes a page of projects with their figures (one statement for the whole page's figures). */
export async function serializeProjectsWithStats(db: Db, user: MemberActor, projects: ProjectWithClient[], now: Date = new Date()): Promise<ProjectWithStats[]> {
  const [stats, workspace] = await Promise.all([
    projectStats(
      db,
      user,
      projects.map((p) => p.id),
      now,
    ),
    actingWorkspace(db, user),
  ]);
  return projects.map((p) => withStats(p, stats.get(p.id) ?? NONE, workspace.currency));
}

export async function serializeProjectWithStats(db: Db, user: MemberActor, project: ProjectWithClient, now: Date = new Date()): Promise<ProjectWithStats> {
  const [one] = await serializeProjectsWithStats(db, user, [project], now);
  return one;
}
