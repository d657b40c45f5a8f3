import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections } from "@/db/schema";

/**
 * Someone left (or was removed from) a workspace: their connections there stop, in the same transaction.
 * Their credentials are personal, and nothing of the workspace should keep flowing through an account of
 * someone who no longer belongs to it (a "workspace" routing rule would send everyone's entries). The
 * connection stays, sealed, so that after rejoining they can reconnect and see its history.
 */
export async function pauseConnectionsOfFormerMember(db: Db, workspaceId: number, userId: number): Promise<void> {
  await db
    .update(integrationConnections)
    .set({ status: "error", lastError: "Stopped: its owner is no longer a member of this workspace. Reconnect after rejoining.", lastErrorAt: new Date(), updatedAt: new Date() })
    .where(and(eq(integrationConnections.workspaceId, workspaceId), eq(integrationConnections.userId, userId), eq(integrationConnections.status, "active")));
}
