import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { apiTokens, userSessions, workspaceMembers, workspaces, type WorkspaceRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/service";
import { queryRows } from "@/db/rows";
import { assertCan, refusalOf, type Action, type Actor, type Subject } from "./policy";

// Who is acting, resolved once per request: the member (user, workspace, role, token scopes) that every
// service receives. The policy (./policy.ts) decides what that member may do.

/** The acting member, with the account preferences services read: the zone that wall-clock times are in,
 *  the longest session this user may save, the week start and currency of their reports. */
export type MemberActor = Actor & Pick<PublicUser, "timezone" | "maxEntryMinutes" | "weekStart" | "currency">;

export function memberActor(user: PublicUser, member: { workspaceId: number; role: WorkspaceRole }, access: { via: Actor["via"]; scopes: readonly string[] }): MemberActor {
  return {
    userId: user.id,
    workspaceId: member.workspaceId,
    role: member.role,
    scopes: access.scopes,
    via: access.via,
    timezone: user.timezone,
    maxEntryMinutes: user.maxEntryMinutes,
    weekStart: user.weekStart,
    currency: user.currency,
  };
}

const noWorkspace = () => new AppError("forbidden", "You are not a member of any workspace: accept an invitation, or ask an administrator to add you to one.");

/**
 * The workspace a browser session acts in: the one chosen in its switcher (user_sessions.workspace_id)
 * while the user is still a member there, else the user's first membership. One indexed query.
 */
export async function sessionMembership(db: Db, userId: number, sessionId: number | undefined): Promise<{ workspaceId: number; role: WorkspaceRole }> {
  const query = prepared(db, "session_membership", () =>
    db
      .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role })
      .from(workspaceMembers)
      .leftJoin(userSessions, and(eq(userSessions.id, sql.placeholder("session")), eq(userSessions.userId, workspaceMembers.userId)))
      .where(eq(workspaceMembers.userId, sql.placeholder("user")))
      .orderBy(sql`(${workspaceMembers.workspaceId} = ${userSessions.workspaceId}) desc nulls last`, asc(workspaceMembers.createdAt), asc(workspaceMembers.workspaceId))
      .limit(1)
      .prepare("session_membership"),
  );
  const [row] = await query.execute({ user: userId, session: sessionId ?? 0 });
  if (!row) throw noWorkspace();
  return row;
}

/** The actor of a signed-in browser: every scope, the role of the session's workspace. */
export async function sessionActor(db: Db, user: PublicUser, sessionId: number | undefined, scopes: readonly string[]): Promise<MemberActor> {
  return memberActor(user, await sessionMembership(db, user.id, sessionId), { via: "session", scopes });
}

/**
 * The workspace switcher: this browser session acts in `workspaceId` from its next request on. Only a
 * workspace the user is a member of (anything else is "not found", as if it did not exist).
 */
export async function switchWorkspace(db: Db, sessionId: number | undefined, userId: number, workspaceId: number): Promise<void> {
  if (sessionId === undefined) throw new AppError("forbidden", "The workspace is switched in a signed-in browser; an API token always acts in its own workspace.");
  const [member] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  if (!member) throw new AppError("not_found", "Workspace not found.");
  const updated = await db
    .update(userSessions)
    .set({ workspaceId })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
    .returning({ id: userSessions.id });
  if (!updated.length) throw new AppError("not_found", "Session not found.");
}

/**
 * A user's membership: in `workspaceId` when given (404 unless a member there), else their first one
 * (by when they joined). For the CLI and token creation, which name a user rather than a session.
 */
export async function membershipOf(db: Db, userId: number, workspaceId?: number): Promise<{ workspaceId: number; role: WorkspaceRole }> {
  const [row] = await db
    .select({ workspaceId: workspaceMembers.workspaceId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, userId), workspaceId === undefined ? undefined : eq(workspaceMembers.workspaceId, workspaceId)))
    .orderBy(asc(workspaceMembers.createdAt), asc(workspaceMembers.workspaceId))
    .limit(1);
  if (!row) throw workspaceId === undefined ? noWorkspace() : new AppError("not_found", "This user is not a member of that workspace.");
  return row;
}

/** The user acting in one of their workspaces with their role's full powers (the CLI acts for a user). */
export async function userActor(db: Db, user: PublicUser, scopes: readonly string[], workspaceId?: number): Promise<MemberActor> {
  return memberActor(user, await membershipOf(db, user.id, workspaceId), { via: "session", scopes });
}

/** Who `userId` is in the workspace (see Subject in ./policy.ts), with their role when a member. One query. */
export async function subjectIn(db: Db, workspaceId: number, userId: number): Promise<{ subject: Subject; role: WorkspaceRole | null }> {
  const [row] = await queryRows<{ role: WorkspaceRole | null; tracked: boolean }>(
    db,
    sql`select (select role from workspace_members where workspace_id = ${workspaceId} and user_id = ${userId}) as role,
               (exists (select 1 from time_entries where workspace_id = ${workspaceId} and user_id = ${userId})
                or exists (select 1 from deleted_time_entries where workspace_id = ${workspaceId} and user_id = ${userId})) as tracked`,
  );
  if (row?.role) return { subject: "member", role: row.role };
  return { subject: row?.tracked ? "former" : "stranger", role: null };
}

/**
 * The policy on another user's data named in a request (a `user_id` filter, an entry's owner): the role
 * and token decide first, then who that user is here (a member, a former member, a stranger: 404).
 */
export async function assertCanOnUser(db: Db, actor: Actor, action: Action, ownerId: number, opts: { adding?: boolean } = {}) {
  const resource = { workspaceId: actor.workspaceId, ownerId, adding: opts.adding };
  assertCan(actor, action, resource, "No such member in this workspace.");
  if (ownerId === actor.userId) return { subject: "member" as const, role: actor.role };
  const found = await subjectIn(db, actor.workspaceId, ownerId);
  assertCan(actor, action, { ...resource, subject: found.subject }, "No such member in this workspace.");
  return found;
}

/** The workspace the actor acts in, as GET /users/me shows it. */
export async function actingWorkspace(db: Db, actor: Actor): Promise<{ id: number; name: string; currency: string }> {
  const [row] = await db.select({ id: workspaces.id, name: workspaces.name, currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).limit(1);
  if (!row) throw new AppError("not_found", "Workspace not found.");
  return row;
}

/**
 * The actor acting on `ownerId`'s entries (`adding`: new ones): the policy decides (entry.write on another
 * member's data; a former member's entries are changed, never added to). The entry is checked as theirs,
 * with the actor's zone and limits: their role decides which private projects they may book on (a former
 * member's project memberships went with them: they book as a member would).
 */
export async function actingFor(db: Db, actor: MemberActor, ownerId: number | undefined, opts: { adding: boolean }): Promise<MemberActor> {
  if (ownerId === undefined || ownerId === actor.userId) return actor;
  const { role } = await assertCanOnUser(db, actor, "entry.write", ownerId, opts);
  return { ...actor, userId: ownerId, role: role ?? "member" };
}

// ---- For lib/workspaces' own endpoints (/workspaces/{id}/...), written with ws-api: the same names. ----

/** Who calls, as the API wrapper knows them (lib/api/route.ts's Caller fits). */
export type CallerIdentity = {
  user: { id: number };
  scopes: readonly string[];
  via: "session" | "token";
  tokenId?: number;
  /** The member acting (route.ts resolves it per request): a token's workspace is its own. */
  actor?: { workspaceId: number };
};

export const workspaceNotFound = () => new AppError("not_found", "Workspace not found.");

/** The workspace a user lands in when nothing else says: their oldest membership. */
export async function firstWorkspaceId(db: Db, userId: number): Promise<number | null> {
  const [row] = await db
    .select({ workspaceId: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaceMembers.createdAt), asc(workspaceMembers.workspaceId))
    .limit(1);
  return row?.workspaceId ?? null;
}

/** The one workspace a token may reach: its own (api_tokens.workspace_id). */
export async function tokenWorkspaceId(db: Db, caller: CallerIdentity): Promise<number | null> {
  if (caller.via === "token" && caller.actor) return caller.actor.workspaceId;
  if (caller.tokenId !== undefined) {
    const [row] = await db.select({ workspaceId: apiTokens.workspaceId }).from(apiTokens).where(eq(apiTokens.id, caller.tokenId)).limit(1);
    return row?.workspaceId ?? null;
  }
  return firstWorkspaceId(db, caller.user.id);
}

export async function memberRole(db: Db, workspaceId: number, userId: number) {
  const [row] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/**
 * The caller acting in workspace `workspaceId` (a path's /workspaces/{id}): a token only in its own
 * workspace, a session in any workspace the user belongs to, with the role held there. Anything else is
 * 404, as if the workspace did not exist.
 */
export async function actorFor(db: Db, caller: CallerIdentity, workspaceId: number): Promise<Actor> {
  if (caller.via === "token" && (await tokenWorkspaceId(db, caller)) !== workspaceId) throw workspaceNotFound();
  const role = await memberRole(db, workspaceId, caller.user.id);
  if (!role) throw workspaceNotFound();
  return { userId: caller.user.id, workspaceId, role, scopes: caller.scopes, via: caller.via };
}

/**
 * Why a member may not do `action` now, or null: for work done on their behalf with nobody acting (the
 * integrations worker running a job a member queued). Their role is read now, so a demotion counts; a
 * former member may do nothing.
 */
export async function memberRefusal(db: Db, member: { workspaceId: number; userId: number }, action: Action): Promise<AppError | null> {
  const role = await memberRole(db, member.workspaceId, member.userId);
  if (!role) return new AppError("forbidden", "The member who connected this integration has left the workspace.");
  return refusalOf({ userId: member.userId, workspaceId: member.workspaceId, role, scopes: [], via: "session" }, action, { workspaceId: member.workspaceId });
}

/**
 * The instance operator (the `stint` CLI, run on the server) acting in a workspace: with an owner's powers,
 * in the name of one of its owners (who then shows as, say, the inviter). `besides`: prefer an owner other
 * than this user (removing an owner is not that owner leaving).
 */
export async function operatorActor(db: Db, workspaceId: number, opts: { besides?: number } = {}): Promise<Actor> {
  const owners = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")))
    .orderBy(asc(workspaceMembers.createdAt), asc(workspaceMembers.userId));
  const owner = owners.find((o) => o.userId !== opts.besides) ?? owners[0];
  if (!owner) throw new AppError("not_found", `No workspace with the id ${workspaceId}.`);
  return { userId: owner.userId, workspaceId, role: "owner", scopes: ["admin:all"], via: "session" };
}
