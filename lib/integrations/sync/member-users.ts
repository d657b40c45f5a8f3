import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, users, workspaceMembers, type IntegrationConnection } from "@/db/schema";
import { logEvent } from "../events";
import type { ProviderContext, RemotePerson } from "../types";

// Members matched to the remote system's users (ImportCapability.matchMembers, e.g. Teamleader): by email
// (any case, active remote users only) at every import, kept in the connection's settings as `memberUsers`
// (Stint user id → remote user id). The connection's own member is always the remote user who connected.
// Pushes name each entry's remote user from it (SyncEntry.remoteUserId); pulled logs land on the member
// matched to their remote user (pull-apply.ts, ownersOf).

/** The last import's matches (Stint user id as a string → remote user id). */
export function memberUsersOf(connection: Pick<IntegrationConnection, "settings">): Record<string, string> {
  const m = (connection.settings as { memberUsers?: unknown }).memberUsers;
  return m && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, string>) : {};
}

export type MemberMatch = { matched: number; members: number; unmatched: string[] };

/** Matches the workspace's members to `people`, stores the matches, and makes the held entries of members
 *  matched only now due again (their entries waited with "No ... user"). */
export async function matchMembers(db: Db, connection: IntegrationConnection, ctx: ProviderContext<never>, people: RemotePerson[], label: string): Promise<MemberMatch> {
  const members = await db
    .select({ userId: users.id, email: users.email })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, connection.workspaceId));
  const byEmail = new Map(people.filter((p) => p.active && p.email).map((p) => [p.email!.trim().toLowerCase(), p.remoteId]));
  const self = people.find((p) => p.self);
  const matches: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const m of members) {
    const remoteId = m.userId === connection.userId && self ? self.remoteId : byEmail.get(m.email.trim().toLowerCase());
    if (remoteId) matches[String(m.userId)] = remoteId;
    else unmatched.push(m.email);
  }
  const before = memberUsersOf(connection);
  await ctx.remember({ memberUsers: matches } as never);
  const newly = Object.keys(matches).filter((id) => before[id] !== matches[id]).map(Number);
  if (newly.length) {
    await db
      .update(entrySyncLinks)
      .set({ state: "pending", nextAttemptAt: new Date(), attempts: 0, updatedAt: new Date() })
      .where(and(eq(entrySyncLinks.connectionId, connection.id), eq(entrySyncLinks.state, "incomplete"), inArray(entrySyncLinks.userId, newly)));
  }
  const matched = Object.keys(matches).length;
  await logEvent(
    db,
    connection.id,
    unmatched.length ? "warn" : "info",
    `Matched ${matched} of ${members.length} members to ${label} users by email${unmatched.length ? `; no ${label} user for ${unmatched.slice(0, 20).join(", ")}${unmatched.length > 20 ? ", …" : ""} (their entries are held until one is added)` : ""}.`,
  );
  return { matched, members: members.length, unmatched };
}
