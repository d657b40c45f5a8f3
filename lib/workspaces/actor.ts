import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { workspaceMembers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "./policy";

/** Who calls, as the API wrapper knows them (lib/api/route.ts's Caller fits): before any workspace is chosen. */
export type CallerIdentity = {
  user: { id: number };
  scopes: readonly string[];
  via: "session" | "token";
  tokenId?: number;
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

/**
 * The one workspace a token may reach. Until api_tokens has its workspace_id (migration 0009), a token
 * acts in its user's first workspace; at the merge this becomes a read of that column. Kept alone so
 * that nothing else needs to change then.
 */
export async function tokenWorkspaceId(db: Db, caller: CallerIdentity): Promise<number | null> {
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
