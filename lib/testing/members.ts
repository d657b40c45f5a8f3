import type { Db } from "@/db";
import { workspaceMembers, type WorkspaceRole } from "@/db/schema";
import { getUserById } from "@/lib/users/service";
import { SCOPES } from "@/lib/tokens/scopes";
import { userActor, type MemberActor } from "@/lib/workspaces/actor";

/** Adds a user to a workspace in a role (the membership service of lib/workspaces is another slice's). */
export async function addMember(db: Db, workspaceId: number, userId: number, role: WorkspaceRole): Promise<void> {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role });
}

/** Adds the user to the workspace and answers them acting there, through a browser session or a token with these scopes. */
export async function memberIn(db: Db, workspaceId: number, userId: number, role: WorkspaceRole, via: { token?: readonly string[] } = {}): Promise<MemberActor> {
  await addMember(db, workspaceId, userId, role);
  const actor = await userActor(db, (await getUserById(db, userId))!, via.token ?? SCOPES, workspaceId);
  return via.token ? { ...actor, via: "token" } : actor;
}
