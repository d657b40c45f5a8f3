import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, workspaceMembers, type WorkspaceRole } from "@/db/schema";
import { offsetOf, type PageQuery } from "@/lib/api/pagination";
import { pauseConnectionsOfFormerMember } from "@/lib/integrations/former-member";
import { AppError, parseOrThrow } from "@/lib/errors";
import { assertCan, mayAssignRole, type Actor } from "./policy";
import { roleSchema, updateMemberSchema, type UpdateMemberInput } from "./schema";
import { keepEveryoneSomewhere, lockWorkspace, otherWorkspaceCounts } from "./service";

// Members of a workspace: who they are, their role and rate. At least one owner always: every change of a
// role or a membership locks the workspace (lockWorkspace) and counts the owners under that lock.

export type Member = { userId: number; name: string; email: string; role: WorkspaceRole; hourlyRate: string | null; joinedAt: Date };

export function serializeMember(m: Member) {
  return {
    user_id: m.userId,
    name: m.name,
    email: m.email,
    role: m.role,
    hourly_rate: m.hourlyRate == null ? null : Number(m.hourlyRate),
    joined_at: m.joinedAt.toISOString(),
  };
}

const memberColumns = {
  userId: workspaceMembers.userId,
  name: users.name,
  email: users.email,
  role: workspaceMembers.role,
  hourlyRate: workspaceMembers.hourlyRate,
  joinedAt: workspaceMembers.createdAt,
};

// Owners first, then admins, managers, members; in each, who joined first.
const roleOrder = sql`array_position(array['owner','admin','manager','member']::workspace_role[], ${workspaceMembers.role})`;

const memberNotFound = () => new AppError("not_found", "Member not found.");

export async function listMembers(db: Db, actor: Actor, page: PageQuery): Promise<{ members: Member[]; total: number }> {
  assertCan(actor, "member.list", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const inWorkspace = eq(workspaceMembers.workspaceId, actor.workspaceId);
  const [members, [{ total }]] = await Promise.all([
    db
      .select(memberColumns)
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .where(inWorkspace)
      .orderBy(roleOrder, asc(workspaceMembers.createdAt), asc(workspaceMembers.userId))
      .limit(page.per_page)
      .offset(offsetOf(page)),
    db.select({ total: count() }).from(workspaceMembers).where(inWorkspace),
  ]);
  return { members, total: Number(total) };
}

async function findMember(db: Db, workspaceId: number, userId: number): Promise<Member | null> {
  const [m] = await db
    .select(memberColumns)
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return m ?? null;
}

export async function getMemberOrThrow(db: Db, actor: Actor, userId: number): Promise<Member> {
  assertCan(actor, "member.list", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const m = await findMember(db, actor.workspaceId, userId);
  if (!m) throw memberNotFound();
  return m;
}

async function ownerCount(tx: Db, workspaceId: number): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")));
  return Number(n);
}

const LAST_OWNER = "A workspace needs at least one owner: make another member an owner first.";

/** Owners may change anyone; admins anyone but owners, and never to owner (lib/workspaces/policy.ts mayAssignRole). */
function assertMayChange(actor: Actor, target: Member, to: WorkspaceRole): void {
  if (mayAssignRole(actor, target.role, to)) return;
  if (target.role === "owner" || to === "owner") assertCan(actor, "workspace.transfer", { workspaceId: actor.workspaceId });
  assertCan(actor, "member.manage", { workspaceId: actor.workspaceId });
  throw new AppError("forbidden", `You cannot make this member ${to}: your role in this workspace is ${actor.role}.`, { role: actor.role });
}

/** Changes a member's role and/or hourly rate (admins and owners; an owner's role only by an owner). */
export async function updateMember(db: Db, actor: Actor, userId: number, input: UpdateMemberInput): Promise<Member> {
  assertCan(actor, "member.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const data = parseOrThrow(updateMemberSchema, input);
  return db.transaction(async (tx) => {
    const me = await lockWorkspace(tx, actor);
    assertCan(me, "member.manage", { workspaceId: me.workspaceId });
    const target = await findMember(tx, me.workspaceId, userId);
    if (!target) throw memberNotFound();
    const role = data.role ?? target.role;
    // Touching an owner at all (even their rate) is for owners.
    assertMayChange(me, target, role);
    if (target.role === "owner" && role !== "owner" && (await ownerCount(tx, me.workspaceId)) <= 1) throw new AppError("conflict", LAST_OWNER);
    const hourlyRate = data.hourly_rate === undefined ? undefined : data.hourly_rate === null ? null : data.hourly_rate.toFixed(2);
    await tx
      .update(workspaceMembers)
      .set({ role, hourlyRate })
      .where(and(eq(workspaceMembers.workspaceId, me.workspaceId), eq(workspaceMembers.userId, userId)));
    return { ...target, role, hourlyRate: hourlyRate === undefined ? target.hourlyRate : hourlyRate };
  });
}

/**
 * Removes a member (or, with one's own id, leaves). Their time entries stay in the workspace, attributed
 * to them. The last owner can neither leave nor be removed; nobody leaves their only workspace; someone
 * removed from their only workspace gets a fresh personal one.
 */
export async function removeMember(db: Db, actor: Actor, userId: number): Promise<void> {
  const leaving = userId === actor.userId;
  if (!leaving) assertCan(actor, "member.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  await db.transaction(async (tx) => {
    const me = await lockWorkspace(tx, actor);
    const target = await findMember(tx, me.workspaceId, userId);
    if (!target) throw memberNotFound();
    if (!leaving) {
      assertCan(me, "member.manage", { workspaceId: me.workspaceId });
      if (target.role === "owner") assertCan(me, "workspace.transfer", { workspaceId: me.workspaceId });
    }
    if (target.role === "owner" && (await ownerCount(tx, me.workspaceId)) <= 1) {
      throw new AppError("conflict", leaving ? `You are this workspace's only owner: make another member an owner before you leave.` : LAST_OWNER);
    }
    if (leaving && !(await otherWorkspaceCounts(tx, me.workspaceId, [userId])).get(userId)) {
      throw new AppError("conflict", "This is your only workspace: create or join another before you leave it.");
    }
    await tx.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, me.workspaceId), eq(workspaceMembers.userId, userId)));
    await pauseConnectionsOfFormerMember(tx, me.workspaceId, userId);
    if (!leaving) await keepEveryoneSomewhere(tx, me.workspaceId, [userId]);
  });
}

export function leaveWorkspace(db: Db, actor: Actor): Promise<void> {
  return removeMember(db, actor, actor.userId);
}

/** Adds an existing account directly (the CLI's `member add`; people join through invitations otherwise). */
export async function addMember(db: Db, actor: Actor, input: { userId: number; role: WorkspaceRole }): Promise<Member> {
  assertCan(actor, "member.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const role = parseOrThrow(roleSchema, input.role);
  if (!mayAssignRole(actor, null, role)) assertCan(actor, "workspace.transfer", { workspaceId: actor.workspaceId });
  const added = await db.insert(workspaceMembers).values({ workspaceId: actor.workspaceId, userId: input.userId, role }).onConflictDoNothing().returning();
  if (!added.length) throw new AppError("conflict", "That user is already a member of this workspace.");
  const m = await findMember(db, actor.workspaceId, input.userId);
  if (!m) throw memberNotFound();
  return m;
}
