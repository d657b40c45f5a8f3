import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { MemberActor } from "@/lib/workspaces/actor";
import { can } from "@/lib/workspaces/policy";
import { serializeProject, type ProjectWithClient } from "./service";

/** What a project has tracked, as its page and the project list show it. */
export type ProjectStats = {
  /** Every session of the project, a running one up to now. */
  trackedSeconds: number;
  /** The part of them inside this calendar month in the user's zone (split at local midnight, as the Overview). */
  monthSeconds: number;
  /** Of trackedSeconds, the sessions marked billable. */
  billableSeconds: number;
  /** hourly rate × billable hours, rounded to the cent, as decimal text ("123.45"); null without a rate. */
  billableAmount: string | null;
};

type Row = { project_id: number; seconds: number; month_seconds: number; billable_seconds: number; billable_amount: string | null };

const NONE: ProjectStats = { trackedSeconds: 0, monthSeconds: 0, billableSeconds: 0, billableAmount: null };

/**
 * The tracked time of some of the workspace's projects (every member's, or the actor's own for a member), in one statement whatever their number. Each project's
 * sessions are read through the (workspace_id, project_id, start_at) index. The month's bounds are the user's
 * local midnights computed by the database exactly as the Overview computes its days, and the same
 * clipping (least(end, to) - greatest(start, from)) splits a session across them, so this month's figure
 * equals the Overview's month total for the project. The amount is numeric arithmetic in SQL (no float
 * cents): rate × whole billable seconds / 3600, rounded half away from zero to 2 decimals.
 */
export async function projectStats(db: Db, actor: MemberActor, projectIds: number[], now: Date = new Date()): Promise<Map<number, ProjectStats>> {
  const user = actor;
  // Everyone's time on the project for those who report on the team; a member's own time otherwise.
  const everyone = can(actor, "report.read", { workspaceId: actor.workspaceId });
  const stats = new Map<number, ProjectStats>();
  if (projectIds.length === 0) return stats;
  const nowIso = now.toISOString();
  const rows = await queryRows<Row>(
    db,
    sql`
    with bounds as (
      select date_trunc('month', ${nowIso}::timestamptz at time zone ${user.timezone}) at time zone ${user.timezone} as month_from,
             (date_trunc('month', ${nowIso}::timestamptz at time zone ${user.timezone}) + interval '1 month') at time zone ${user.timezone} as month_to
    )
    select p.id as project_id,
           coalesce(s.seconds, 0)::float8 as seconds,
           coalesce(s.month_seconds, 0)::float8 as month_seconds,
           coalesce(s.billable_seconds, 0)::float8 as billable_seconds,
           round(p.hourly_rate * coalesce(s.billable_seconds, 0) / 3600, 2)::text as billable_amount
    from projects p
    cross join bounds b
    left join lateral (
      select round(sum(extract(epoch from x.end_at - x.start_at))) as seconds,
             round(coalesce(sum(extract(epoch from least(x.end_at, b.month_to) - greatest(x.start_at, b.month_from)))
                   filter (where x.start_at < b.month_to and x.end_at > b.month_from), 0)) as month_seconds,
             round(coalesce(sum(extract(epoch from x.end_at - x.start_at)) filter (where x.billable), 0)) as billable_seconds
      from (
        select e.start_at, e.billable, coalesce(e.end_at, greatest(${nowIso}::timestamptz, e.start_at)) as end_at
        from time_entries e
        where e.workspace_id = p.workspace_id and e.project_id = p.id ${everyone ? sql`` : sql`and e.user_id = ${actor.userId}`}
      ) x
    ) s on true
    where p.workspace_id = ${actor.workspaceId} and p.id in (${sql.join(
      projectIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (const r of rows) {
    stats.set(Number(r.project_id), {
      trackedSeconds: Number(r.seconds),
      monthSeconds: Number(r.month_seconds),
      billableSeconds: Number(r.billable_seconds),
      billableAmount: r.billable_amount,
    });
  }
  return stats;
}

/** The API's project: its fields, then what it tracked, with the amount in the user's currency. */
function withStats(p: ProjectWithClient, s: ProjectStats, currency: string) {
  return {
    ...serializeProject(p),
    tracked_seconds: s.trackedSeconds,
    tracked_seconds_this_month: s.monthSeconds,
    billable_seconds: s.billableSeconds,
    billable_amount: s.billableAmount == null ? null : Number(s.billableAmount),
    currency,
  };
}

export type ProjectWithStats = ReturnType<typeof withStats>;

/** Serializes a page of projects with their figures (one query for the whole page). */
export async function serializeProjectsWithStats(db: Db, user: MemberActor, projects: ProjectWithClient[], now: Date = new Date()): Promise<ProjectWithStats[]> {
  const stats = await projectStats(
    db,
    user,
    projects.map((p) => p.id),
    now,
  );
  return projects.map((p) => withStats(p, stats.get(p.id) ?? NONE, user.currency));
}

export async function serializeProjectWithStats(db: Db, user: MemberActor, project: ProjectWithClient, now: Date = new Date()): Promise<ProjectWithStats> {
  const [one] = await serializeProjectsWithStats(db, user, [project], now);
  return one;
}
