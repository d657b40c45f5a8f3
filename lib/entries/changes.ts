import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { changeTombstones, timeEntries } from "@/db/schema";
import { changedAfter, changeHorizon, feedOrder, feedPage, feedStart, tombstonesAfter } from "@/lib/changes/feed";
import { assertKnownMember, type MemberActor } from "@/lib/workspaces/actor";
import { assertCan } from "@/lib/workspaces/policy";
import { selectEntries } from "./queries";
import type { ListEntriesQuery } from "./schema";

/**
 * The entries feed (GET /time-entries?updated_since=…, then ?cursor=…): a member's entries that changed,
 * running one included, oldest change first; with include_deleted, deletions as tombstones. Whose entries
 * follows the list's rule (`user_id`, default the caller); the list's other filters do not apply.
 */
export async function listEntryChanges(db: Db, actor: MemberActor, q: ListEntriesQuery) {
  const ownerId = q.user_id ?? actor.userId;
  assertCan(actor, "entry.read", { workspaceId: actor.workspaceId, ownerId });
  if (ownerId !== actor.userId) await assertKnownMember(db, actor.workspaceId, ownerId);
  const start = feedStart("time_entries", q);
  const horizon = await changeHorizon(db);
  const [rows, deleted] = await Promise.all([
    selectEntries(db)
      .where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.userId, ownerId), changedAfter(timeEntries, start, horizon)))
      .orderBy(...feedOrder(timeEntries))
      .limit(q.per_page + 1),
    q.include_deleted ? tombstonesAfter(db, "time_entries", actor.workspaceId, eq(changeTombstones.userId, ownerId), start, horizon, q.per_page + 1) : [],
  ]);
  const changed = rows.map((row) => ({ position: { xid: row.entry.changeXid, seq: String(row.entry.changeSeq) }, item: row }));
  return feedPage("time_entries", start, horizon, changed, deleted, q.per_page);
}
