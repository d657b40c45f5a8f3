import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { changeTombstones, timeEntries } from "@/db/schema";
import { changeFeed, feedOrder } from "@/lib/changes/feed";
import { assertCanOnUser, type MemberActor } from "@/lib/workspaces/actor";
import { selectEntries } from "./queries";
import type { ListEntriesQuery } from "./schema";

/**
 * The entries feed (GET /time-entries?updated_since=…, then ?cursor=…): a member's entries that changed,
 * running one included, oldest change first; with include_deleted, deletions as tombstones. Whose entries
 * follows the list's rule (`user_id`, default the caller); the list's other filters are refused (400).
 */
export async function listEntryChanges(db: Db, actor: MemberActor, q: ListEntriesQuery) {
  const ownerId = q.user_id ?? actor.userId;
  await assertCanOnUser(db, actor, "entry.read", ownerId);
  return changeFeed(db, "time_entries", q, {
    workspaceId: actor.workspaceId,
    audience: eq(changeTombstones.userId, ownerId),
    rows: (changed, limit) =>
      selectEntries(db)
        .where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.userId, ownerId), changed(timeEntries)))
        .orderBy(...feedOrder(timeEntries))
        .limit(limit),
    position: (row) => row.entry,
    filters: ["user_id"],
  });
}
