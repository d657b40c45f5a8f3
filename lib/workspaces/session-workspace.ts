import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { userSessions } from "@/db/schema";
import { memberRole } from "./actor";

/**
 * Makes `workspaceId` the workspace this browser session works in (user_sessions.workspace_id, what the
 * header's switcher sets): after joining, the new member lands in the workspace they joined. Only a
 * workspace the user belongs to; another is ignored (the session keeps its choice).
 */
export async function chooseSessionWorkspace(db: Db, session: { userId: number; sessionId?: number }, workspaceId: number): Promise<boolean> {
  if (session.sessionId === undefined || !(await memberRole(db, workspaceId, session.userId))) return false;
  const updated = await db
    .update(userSessions)
    .set({ workspaceId })
    .where(and(eq(userSessions.id, session.sessionId), eq(userSessions.userId, session.userId)))
    .returning({ id: userSessions.id });
  return updated.length > 0;
}
