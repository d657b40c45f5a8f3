import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { WorkspaceRole } from "@/db/schema";
import { periodOf, todayIn, type Period } from "@/lib/time/period";
import { sqlTimeZone } from "@/lib/users/database-zones";
import { assertCanOnUser, subjectIn, type MemberActor } from "@/lib/workspaces/actor";
import { assertCan, can, type Actor } from "@/lib/workspaces/policy";
import { teamQuery, type TeamRow } from "./team-query";
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

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The Team page: every member of the actor's workspace with what they are tracking now (in this
 * workspace) and their hours this week and this month. Weeks and months are the viewer's (zone and week
 * start), and each member's hours follow Stint's one day rule (lib/reports/day-parts.ts): a session counts
 * toward a local day for its part inside it, a running one up to now. One statement for the whole team
 * (./team-query.ts): the page polls it every few seconds.
 */
export async function teamReport(db: Db, actor: Actor & { timezone: string; weekStart: number }, now: Date = new Date()): Promise<TeamReport> {
  assertCan(actor, "team.read", { workspaceId: actor.workspaceId });
  const tz = await sqlTimeZone(db, actor.timezone);
  const today = todayIn(tz, now);
  const week = periodOf("week", today, tz, actor.weekStart);
  const month = periodOf("month", today, tz, actor.weekStart);
  const rows = await queryRows<TeamRow>(db, teamQuery(actor, tz, week, month, now));
  return {
    workspace_id: actor.workspaceId,
    timezone: tz,
    as_of: now.toISOString(),
    week: { start_date: week.start, end_date: lastDay(week.end) },
    month: { start_date: month.start, end_date: lastDay(month.end) },
    members: rows.map((r) => ({
      user_id: Number(r.user_id),
      name: r.name,
      email: r.email,
      role: r.role,
      week_seconds: Number(r.week_seconds),
      month_seconds: Number(r.month_seconds),
      running:
        r.entry_id === null
          ? null
          : {
              entry_id: Number(r.entry_id),
              description: r.description ?? "",
              project_id: r.project_id === null ? null : Number(r.project_id),
              project: r.project,
              color: r.color,
              start_at: new Date(Number(r.start_at_ms)).toISOString(),
            },
    })),
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
