import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, workspaceMembers, workspaces, type Workspace, type WorkspaceRole } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { tokenWorkspaceId, workspaceNotFound, type CallerIdentity } from "./actor";
import { createPersonalWorkspace } from "./personal";
import { assertCan, type Actor } from "./policy";
import { createWorkspaceSchema, updateWorkspaceSchema, type CreateWorkspaceInput, type UpdateWorkspaceInput } from "./schema";

export type WorkspaceWithRole = Workspace & { role: WorkspaceRole };

const numeric = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : v.toFixed(2));

export function serializeWorkspace(w: WorkspaceWithRole) {
  return {
    id: w.id,
    name: w.name,
    currency: w.currency,
    default_hourly_rate: w.defaultHourlyRate == null ? null : Number(w.defaultHourlyRate),
    rounding: { mode: w.roundingMode, minutes: w.roundingMinutes, scope: w.roundingScope },
    role: w.role,
    created_at: w.createdAt.toISOString(),
  };
}

/**
 * The caller's workspaces, each with their role, oldest membership first. A token sees only its own
 * workspace (it can reach no other); a session, every workspace the user belongs to.
 */
export async function listWorkspaces(db: Db, caller: CallerIdentity): Promise<WorkspaceWithRole[]> {
  const only = caller.via === "token" ? await tokenWorkspaceId(db, caller) : undefined;
  const rows = await db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, caller.user.id), only === undefined ? undefined : eq(workspaces.id, only ?? -1)))
    .orderBy(asc(workspaceMembers.createdAt), asc(workspaceMembers.workspaceId));
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}

/** A new workspace with its creator as owner (anyone may create one; it starts empty). */
export async function createWorkspace(db: Db, creator: { userId: number }, input: CreateWorkspaceInput): Promise<WorkspaceWithRole> {
  const data = parseOrThrow(createWorkspaceSchema, input);
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: data.name, ...(data.currency ? { currency: data.currency } : {}) })
      .returning();
    await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId: creator.userId, role: "owner" });
    return { ...workspace, role: "owner" as const };
  });
}

export async function getWorkspace(db: Db, actor: Actor): Promise<WorkspaceWithRole> {
  assertCan(actor, "workspace.read", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId)).limit(1);
  if (!workspace) throw workspaceNotFound();
  return { ...workspace, role: actor.role };
}

export async function updateWorkspace(db: Db, actor: Actor, input: UpdateWorkspaceInput): Promise<WorkspaceWithRole> {
  assertCan(actor, "workspace.update", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const data = parseOrThrow(updateWorkspaceSchema, input);
  const [workspace] = await db
    .update(workspaces)
    .set({ name: data.name, currency: data.currency, defaultHourlyRate: numeric(data.default_hourly_rate), roundingMode: data.rounding, roundingMinutes: data.rounding_minutes, roundingScope: data.rounding_scope, updatedAt: new Date() })
    .where(eq(workspaces.id, actor.workspaceId))
    .returning();
  if (!workspace) throw workspaceNotFound();
  return { ...workspace, role: actor.role };
}

/**
 * Locks the workspace for a change of its membership and re-reads the actor's role under the lock: every
 * such change (roles, removals, deletion) takes this lock first, so two of them run one after the other,
 * each seeing what the other did (two owners demoting each other cannot leave none).
 */
export async function lockWorkspace(tx: Db, actor: Actor): Promise<Actor> {
  const [locked] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
  if (!locked) throw workspaceNotFound();
  const [me] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, actor.userId)));
  if (!me) throw workspaceNotFound();
  return { ...actor, role: me.role };
}

/** How many other workspaces each of `userIds` belongs to besides `workspaceId`. */
export async function otherWorkspaceCounts(tx: Db, workspaceId: number, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .select({ userId: workspaceMembers.userId, n: sql<number>`count(*)::int` })
    .from(workspaceMembers)
    .where(and(inArray(workspaceMembers.userId, userIds), ne(workspaceMembers.workspaceId, workspaceId)))
    .groupBy(workspaceMembers.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

/**
 * Every user keeps at least one workspace: one who loses their last (it is deleted, or they are removed)
 * gets a fresh personal workspace, as at registration. Locks the users first, so that two removals from
 * a user's last two workspaces at once cannot both think the other one remains.
 */
export async function keepEveryoneSomewhere(tx: Db, workspaceId: number, userIds: number[]): Promise<void> {
  if (!userIds.length) return;
  const people = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)).orderBy(asc(users.id)).for("update");
  const others = await otherWorkspaceCounts(tx, workspaceId, userIds);
  for (const person of people) if (!others.get(person.id)) await createPersonalWorkspace(tx, person);
}

/**
 * Deletes the workspace and, by the database's cascades, everything in it (members, invitations and the
 * projects, clients, tasks, tags and entries it holds). Owners only; never one's own last workspace.
 */
export async function deleteWorkspace(db: Db, actor: Actor): Promise<void> {
  assertCan(actor, "workspace.delete", { workspaceId: actor.workspaceId }, "Workspace not found.");
  await db.transaction(async (tx) => {
    const locked = await lockWorkspace(tx, actor);
    assertCan(locked, "workspace.delete", { workspaceId: actor.workspaceId }, "Workspace not found.");
    const members = await tx.select({ userId: workspaceMembers.userId }).from(workspaceMembers).where(eq(workspaceMembers.workspaceId, actor.workspaceId));
    const others = await otherWorkspaceCounts(
      tx,
      actor.workspaceId,
      members.map((m) => m.userId),
    );
    if (!others.get(actor.userId)) {
      throw new AppError("conflict", "This is your only workspace: create or join another before deleting it.");
    }
    await keepEveryoneSomewhere(
      tx,
      actor.workspaceId,
      members.map((m) => m.userId).filter((id) => id !== actor.userId),
    );
    await tx.delete(workspaces).where(eq(workspaces.id, actor.workspaceId));
  });
}

/** Every workspace of this Stint with how many members and owners it has (the operator's `workspace list`). */
export async function listAllWorkspaces(db: Db): Promise<(Workspace & { members: number; owners: number })[]> {
  const rows = await db
    .select({
      workspace: workspaces,
      members: sql<number>`count(${workspaceMembers.userId})::int`,
      owners: sql<number>`count(*) filter (where ${workspaceMembers.role} = 'owner')::int`,
    })
    .from(workspaces)
    .leftJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
    .groupBy(workspaces.id)
    .orderBy(asc(workspaces.id));
  return rows.map((r) => ({ ...r.workspace, members: Number(r.members), owners: Number(r.owners) }));
}
