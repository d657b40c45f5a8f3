import type { Db } from "@/db";
import { workspaceMembers, workspaces, type Workspace } from "@/db/schema";

/** The name a new account's own workspace gets (as migration 0008 named those of existing users). */
export function personalWorkspaceName(userName: string): string {
  return `${userName.slice(0, 80)}'s workspace`;
}

/** Every account has a workspace of its own from the start: registering creates it, owned by the user. */
export async function createPersonalWorkspace(db: Db, user: { id: number; name: string; currency?: string }): Promise<Workspace> {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: personalWorkspaceName(user.name), ...(user.currency ? { currency: user.currency } : {}) })
    .returning();
  await db.insert(workspaceMembers).values({ workspaceId: workspace.id, userId: user.id, role: "owner" });
  return workspace;
}
