import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { sqlTimeZone } from "@/lib/users/database-zones";
import { assertCanOnUser, type MemberActor } from "@/lib/workspaces/actor";
import { can, canSeeProject } from "@/lib/workspaces/policy";
import type { ReportFilters } from "./query-schema";
import { resolveRange, type ReportRange } from "./range";
import { resolveRounding, type Rounding } from "./rounding";
import { addDays } from "@/lib/time/period";
import { earliestStart, type ReportScope } from "./entries-sql";

export type ReportContext = { scope: ReportScope; range: ReportRange; rounding: Rounding; currency: string; weekStart: number; timezone: string; seesPrivate: boolean; actorId: number };

/**
 * Whose time a report reads, by the policy: the members named in user_id (each checked: another member's
 * time needs report.read, managers and up, and read:team on a token; 403, or 404 for who is no member), else
 * the whole workspace for those who may read others' time, else the actor's own.
 */
async function reportUsers(db: Db, actor: MemberActor, userIds: number[] | undefined): Promise<number[] | null> {
  if (userIds) {
    for (const id of userIds) await assertCanOnUser(db, actor, "report.read", id);
    return userIds;
  }
  return can(actor, "report.read", { workspaceId: actor.workspaceId }) ? null : [actor.userId];
}

type Found = { kind: string; id: number; private: boolean | null; member: boolean | null };

/** Every catalog id a filter names must be the workspace's (and a private project one the actor sees): 404 otherwise. */
async function assertCatalogIds(db: Db, actor: MemberActor, f: ReportFilters) {
  const asked: [string, number[] | undefined, string][] = [
    ["project", f.project_id, "Project"],
    ["client", f.client_id, "Client"],
    ["task", f.task_id, "Task"],
    ["tag", f.tag_id, "Tag"],
  ];
  if (!asked.some(([, ids]) => ids?.length)) return;
  const rows = await queryRows<Found>(
    db,
    sql`select 'project' as kind, p.id, p.private, exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId}) as member
          from projects p where p.workspace_id = ${actor.workspaceId} and p.id = any(${intArray(f.project_id)})
        union all select 'client', c.id, null, null from clients c where c.workspace_id = ${actor.workspaceId} and c.id = any(${intArray(f.client_id)})
        union all select 'task', k.id, p.private, exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId})
          from tasks k join projects p on p.id = k.project_id where k.workspace_id = ${actor.workspaceId} and k.id = any(${intArray(f.task_id)})
        union all select 'tag', g.id, null, null from tags g where g.workspace_id = ${actor.workspaceId} and g.id = any(${intArray(f.tag_id)})`,
  );
  for (const [kind, ids, label] of asked) {
    for (const id of ids ?? []) {
      const row = rows.find((r) => r.kind === kind && Number(r.id) === id);
      const visible = row && (row.private === null || canSeeProject(actor, { workspaceId: actor.workspaceId, private: !!row.private, memberIds: row.member ? [actor.userId] : [] }));
      if (!visible) throw new AppError("not_found", `${label} ${id} not found.`);
    }
  }
}

/** The policy's checks of a report's ids alone (whose time, which catalog ids), e.g. before saving it. */
export async function assertReportAccess(db: Db, actor: MemberActor, q: ReportFilters): Promise<void> {
  await reportUsers(db, actor, q.user_id);
  await assertCatalogIds(db, actor, q);
}

/** Everything a report's SQL needs, after the policy said yes: the range, whose time, the rounding, the currency. */
export async function reportContext(db: Db, actor: MemberActor, q: ReportFilters, now: Date): Promise<ReportContext> {
  const userIds = await reportUsers(db, actor, q.user_id);
  await assertCatalogIds(db, actor, q);
  const [ws] = await queryRows<{ currency: string; rounding_mode: Rounding["mode"]; rounding_minutes: number; rounding_scope: Rounding["scope"] }>(
    db,
    sql`select currency, rounding_mode, rounding_minutes, rounding_scope from workspaces where id = ${actor.workspaceId}`,
  );
  if (!ws) throw new AppError("not_found", "Workspace not found.");
  const range = resolveRange(q, actor.timezone, actor.weekStart, now);
  const rounding = resolveRounding({ mode: ws.rounding_mode, minutes: Number(ws.rounding_minutes), scope: ws.rounding_scope }, q);
  const tz = await sqlTimeZone(db, actor.timezone);
  const base = { workspaceId: actor.workspaceId, tz, start: range.start, end: addDays(range.end, 1), now, userIds, filters: q };
  return {
    scope: { ...base, ...(await earliestStart(db, base)) },
    range,
    rounding,
    currency: ws.currency,
    weekStart: actor.weekStart,
    timezone: actor.timezone,
    seesPrivate: canSeeProject(actor, { workspaceId: actor.workspaceId, private: true, memberIds: [] }),
    actorId: actor.userId,
  };
}
