import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { WorkspaceRole } from "@/db/schema";
import { periodOf, todayIn } from "@/lib/time/period";
import { sqlTimeZone } from "@/lib/users/database-zones";
import type { Period } from "@/lib/time/period";
import { assertCanOnUser, subjectIn, type MemberActor } from "@/lib/workspaces/actor";
import { assertCan, can, type Actor } from "@/lib/workspaces/policy";
import { dayParts } from "./day-parts";
import { periodOverview, type Overview } from "./overview";

export type TeamRunning = {
  entry_id: number;
  description: string;
  project_id: number | null;
  project: string | null;
  color: string | null;
  start_at: string;
};

export type TeamMember = {
  user_id: number;
  name: string;
  email: string;
  role: WorkspaceRole;
  week_seconds: number;
  month_seconds: number;
  running: TeamRunning | null;
};

export type TeamReport = {
  workspace_id: number;
  timezone: string;
  /** The instant the totals are computed at. */
  as_of: string;
  week: { start_date: string; end_date: string };
  month: { start_date: string; end_date: string };
  members: TeamMember[];
};

type MemberRow = { user_id: number; name: string; email: string; role: WorkspaceRole };
type RunningRow = { user_id: number; entry_id: number; description: string; project_id: number | null; project: string | null; color: string | null; start_at_ms: number };
type TotalsRow = { week_seconds: number; month_seconds: number };

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The Team page: every member of the actor's workspace with what they are tracking now (in this
 * workspace) and their hours this week and this month. Weeks and months are the viewer's (zone and week
 * start), and each member's hours follow Stint's one day rule (lib/reports/day-parts.ts): a session counts
 * toward a local day for its part inside it, a running one up to now.
 */
export async function teamReport(db: Db, actor: Actor & { timezone: string; weekStart: number }, now: Date = new Date()): Promise<TeamReport> {
  assertCan(actor, "team.read", { workspaceId: actor.workspaceId });
  const tz = await sqlTimeZone(db, actor.timezone);
  const today = todayIn(tz, now);
  const week = periodOf("week", today, tz, actor.weekStart);
  const month = periodOf("month", today, tz, actor.weekStart);
  const start = minDate(week.start, month.start);
  const end = maxDate(week.end, month.end);

  const members = await queryRows<MemberRow>(
    db,
    sql`select m.user_id, u.name, u.email, m.role
        from workspace_members m join users u on u.id = m.user_id
        where m.workspace_id = ${actor.workspaceId}
        order by lower(u.name), m.user_id`,
  );
  const running = await queryRows<RunningRow>(
    db,
    // A private project's name is shown only to whom the project is visible (canSeeProject: its members,
    // owners and admins); others see that the member tracks, on a project they cannot see.
    sql`select t.user_id, t.id as entry_id, t.description, t.project_id,
               case when visible.ok then p.name else null end as project,
               case when visible.ok then p.color else null end as color,
               (extract(epoch from t.start_at) * 1000)::float8 as start_at_ms
        from time_entries t
        join workspace_members m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
        left join projects p on p.id = t.project_id
        cross join lateral (select p.id is null or not p.private or ${actor.role === "owner" || actor.role === "admin"}
                              or exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId}) as ok) visible
        where t.workspace_id = ${actor.workspaceId} and t.end_at is null and t.start_at <= ${now.toISOString()}::timestamptz`,
  );
  const runningOf = new Map(running.map((r) => [Number(r.user_id), r]));

  // One query per member: the day rule (and its clock for a running session) is per person. Teams are
  // small; the week and the month share one range, split by date in the sum.
  const totals: TotalsRow[] = [];
  for (const m of members) {
    const parts = dayParts({ workspaceId: actor.workspaceId, userId: Number(m.user_id), timezone: tz, start, end, now });
    const [row] = await queryRows<TotalsRow>(
      db,
      sql`${parts}
      select coalesce(sum(parts.seconds) filter (where parts.day >= ${week.start}::date and parts.day < ${week.end}::date), 0)::float8 as week_seconds,
             coalesce(sum(parts.seconds) filter (where parts.day >= ${month.start}::date and parts.day < ${month.end}::date), 0)::float8 as month_seconds
      from parts`,
    );
    totals.push(row);
  }

  return {
    workspace_id: actor.workspaceId,
    timezone: tz,
    as_of: now.toISOString(),
    week: { start_date: week.start, end_date: lastDay(week.end) },
    month: { start_date: month.start, end_date: lastDay(month.end) },
    members: members.map((m, i) => {
      const r = runningOf.get(Number(m.user_id));
      return {
        user_id: Number(m.user_id),
        name: m.name,
        email: m.email,
        role: m.role,
        week_seconds: Number(totals[i]?.week_seconds ?? 0),
        month_seconds: Number(totals[i]?.month_seconds ?? 0),
        running: r
          ? {
              entry_id: Number(r.entry_id),
              description: r.description,
              project_id: r.project_id === null ? null : Number(r.project_id),
              project: r.project,
              color: r.color,
              start_at: new Date(Number(r.start_at_ms)).toISOString(),
            }
          : null,
      };
    }),
  };
}

/**
 * The member whose Overview `?member=` asks for: null for the actor's own id, undefined (the page is
 * "not found") when there is no such member of the workspace or the policy does not let the actor report
 * on other members' time (a member), whether or not that member exists.
 */
export async function reportedMember(db: Db, actor: Actor, param: string): Promise<{ userId: number; name: string } | null | undefined> {
  if (!/^\d{1,9}$/.test(param)) return undefined;
  const userId = Number(param);
  if (userId === actor.userId) return null;
  if (!can(actor, "report.read", { workspaceId: actor.workspaceId, ownerId: userId })) return undefined;
  // A former member's Overview too: their entries stay theirs, for those who may report on them.
  const { subject } = await subjectIn(db, actor.workspaceId, userId);
  if (!can(actor, "report.read", { workspaceId: actor.workspaceId, ownerId: userId, subject })) return undefined;
  const [row] = await queryRows<{ name: string }>(db, sql`select name from users where id = ${userId}`);
  return row ? { userId, name: row.name } : undefined;
}

/**
 * The Overview of `userId` (default: the actor's own), for the Overview filtered to a member and the API's
 * `user_id`. Reporting on another member's time is the policy's call (managers and up; a token needs
 * read:team); that member must belong to the workspace (or have tracked in it: a former member). Their totals are then
 * computed as their own Overview would be, but in the viewer's zone and week start.
 */
export async function overviewOf(db: Db, actor: MemberActor, period: Period, userId?: number, now: Date = new Date()): Promise<Overview> {
  if (userId === undefined || userId === actor.userId) return periodOverview(db, actor, period, now);
  await assertCanOnUser(db, actor, "report.read", userId);
  return periodOverview(db, { ...actor, userId }, period, now);
}
