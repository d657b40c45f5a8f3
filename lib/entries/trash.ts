import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { deletedTimeEntries, projects, tags, tasks, timeEntries, timeEntryTags, type TimeEntry } from "@/db/schema";
import { AppError, constraintName, pgErrorCode } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";
import { assertCan, type Actor } from "@/lib/workspaces/policy";
import { findEntry, type EntryRow } from "./queries";
import { serializeEntry } from "./serialize";

/** How long after a deletion Undo (POST /time-entries/{id}/restore) still brings the entry back. */
export const UNDO_WINDOW_MS = 10 * 60_000;
/** Deleted entries are kept this long, then purged by a later deletion. */
const KEEP_DELETED_MS = 24 * 3_600_000;

/** What deleted_time_entries.entry holds: the row as it was, its tag ids, and names for the messages. */
type Snapshot = {
  projectId: number | null;
  projectName: string | null;
  taskId: number | null;
  taskName: string | null;
  description: string;
  startAt: string;
  endAt: string | null;
  billable: boolean;
  source: TimeEntry["source"];
  createdAt: string;
  updatedAt: string;
  tagIds: number[];
};

/**
 * Deletes an entry and keeps it (row and tag ids) in deleted_time_entries, in one transaction: every tab
 * and API client sees it gone at once, and Undo can put it back as it was. The entries outbox trigger
 * marks a synced entry's remote log for removal as for any deletion.
 */
export async function moveEntryToTrash(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const workspaceId = actor.workspaceId;
  await db.transaction(async (tx) => {
    // Whose it is decides who may delete it: the row is locked while the policy says.
    const [owner] = await tx
      .select({ userId: timeEntries.userId })
      .from(timeEntries)
      .where(and(eq(timeEntries.id, id), eq(timeEntries.workspaceId, workspaceId)))
      .for("update");
    if (!owner) throw new AppError("not_found", "Time entry not found.");
    assertCan(actor, "entry.read", { workspaceId, ownerId: owner.userId }, "Time entry not found.");
    assertCan(actor, "entry.write", { workspaceId, ownerId: owner.userId });
    const userId = owner.userId;
    const tagRows = await tx
      .delete(timeEntryTags)
      .where(and(eq(timeEntryTags.entryId, id), eq(timeEntryTags.workspaceId, workspaceId)))
      .returning({ tagId: timeEntryTags.tagId });
    const [row] = await tx.delete(timeEntries).where(and(eq(timeEntries.id, id), eq(timeEntries.workspaceId, workspaceId))).returning();
    if (!row) throw new AppError("not_found", "Time entry not found.");
    const [project] = row.projectId == null ? [] : await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, row.projectId));
    const [task] = row.taskId == null ? [] : await tx.select({ name: tasks.name }).from(tasks).where(eq(tasks.id, row.taskId));
    const snapshot: Snapshot = {
      projectId: row.projectId,
      projectName: project?.name ?? null,
      taskId: row.taskId,
      taskName: task?.name ?? null,
      description: row.description,
      startAt: row.startAt.toISOString(),
      endAt: row.endAt?.toISOString() ?? null,
      billable: row.billable,
      source: row.source,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      tagIds: tagRows.map((t) => t.tagId),
    };
    await tx
      .insert(deletedTimeEntries)
      .values({ id, workspaceId, userId, entry: snapshot, deletedAt: now })
      .onConflictDoUpdate({ target: deletedTimeEntries.id, set: { workspaceId, userId, entry: snapshot, deletedAt: now } });
    // Opportunistic purge: nothing else ever reads entries deleted long ago.
    await tx.delete(deletedTimeEntries).where(lt(deletedTimeEntries.deletedAt, new Date(now.getTime() - KEEP_DELETED_MS)));
    await emitEvent(tx, workspaceId, "time_entry.deleted", { id, deleted: true });
  });
}

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * Puts a deleted entry back with its id, tags, project and task, within UNDO_WINDOW_MS of its deletion.
 * Refuses (changing nothing) when its project or task was deleted since, or when it was a running timer
 * and another one runs now. Tags deleted since are left off. The entry is back as time_entry.created for
 * webhooks (it exists again, with its old id).
 */
export async function restoreEntryFromTrash(db: Db, actor: Actor, id: number, now: Date): Promise<EntryRow> {
  const workspaceId = actor.workspaceId;
  try {
    return await db.transaction(async (tx) => {
      const [trashed] = await tx
        .select()
        .from(deletedTimeEntries)
        .where(and(eq(deletedTimeEntries.id, id), eq(deletedTimeEntries.workspaceId, workspaceId)))
        .for("update");
      if (!trashed) {
        const [exists] = await tx.select({ userId: timeEntries.userId }).from(timeEntries).where(and(eq(timeEntries.id, id), eq(timeEntries.workspaceId, workspaceId)));
        if (exists) {
          assertCan(actor, "entry.read", { workspaceId, ownerId: exists.userId }, "Time entry not found.");
          throw new AppError("conflict", "This time entry is not deleted: there is nothing to restore.");
        }
        throw new AppError("not_found", "Time entry not found: it was never deleted, or it was deleted more than a day ago.");
      }
      const userId = trashed.userId;
      assertCan(actor, "entry.read", { workspaceId, ownerId: userId }, "Time entry not found: it was never deleted, or it was deleted more than a day ago.");
      assertCan(actor, "entry.write", { workspaceId, ownerId: userId });
      if (now.getTime() - trashed.deletedAt.getTime() > UNDO_WINDOW_MS) {
        throw new AppError("gone", `Too late to undo: a deleted entry can be restored for ${minutes(UNDO_WINDOW_MS)} minutes, and this one was deleted ${minutes(now.getTime() - trashed.deletedAt.getTime())} minutes ago.`);
      }
      const e = trashed.entry as Snapshot;
      if (e.projectId != null) {
        const [project] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.id, e.projectId), eq(projects.workspaceId, workspaceId)));
        if (!project) throw new AppError("conflict", `This entry cannot be restored: its project${e.projectName ? ` “${e.projectName}”` : ""} has been deleted since.`);
      }
      if (e.taskId != null) {
        const [task] = await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, e.taskId), eq(tasks.projectId, e.projectId ?? -1), eq(tasks.workspaceId, workspaceId)));
        if (!task) throw new AppError("conflict", `This entry cannot be restored: its task${e.taskName ? ` “${e.taskName}”` : ""} has been deleted or moved since.`);
      }
      // Its tags that still exist, on the row as it is inserted (sorted, as the tag triggers keep them): the
      // triggers then find tag_ids right and do not write the row a second time.
      const alive = e.tagIds.length
        ? (await tx.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, e.tagIds)))).map((t) => t.id).sort((a, b) => a - b)
        : [];
      await tx
        .insert(timeEntries)
        .overridingSystemValue()
        .values({
          id,
          workspaceId,
          userId,
          projectId: e.projectId,
          taskId: e.taskId,
          description: e.description,
          startAt: new Date(e.startAt),
          endAt: e.endAt === null ? null : new Date(e.endAt),
          billable: e.billable,
          source: e.source,
          createdAt: new Date(e.createdAt),
          updatedAt: new Date(e.updatedAt),
          tagIds: alive,
        });
      if (alive.length) await tx.insert(timeEntryTags).values(alive.map((tagId) => ({ workspaceId, entryId: id, tagId })));
      await tx.delete(deletedTimeEntries).where(eq(deletedTimeEntries.id, id));
      const restored = (await findEntry(tx, workspaceId, id))!;
      await emitEvent(tx, workspaceId, "time_entry.created", serializeEntry(restored, now));
      return restored;
    });
  } catch (error) {
    const code = pgErrorCode(error);
    if (code === "23505" && constraintName(error) === "time_entries_one_running_per_user") {
      throw new AppError("timer_already_running", "This entry was a running timer, and another timer runs now: stop that one first, then undo.");
    }
    // The project or task went away between the checks above and the insert.
    if (code === "23503") throw new AppError("conflict", "This entry cannot be restored: its project or task has been deleted since.");
    throw error;
  }
}
