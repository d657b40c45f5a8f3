import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { timeEntries } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { startTimer, getRunningEntry } from "@/lib/timer/service";
import { actingFor, type MemberActor } from "@/lib/workspaces/actor";
import { assertCan } from "@/lib/workspaces/policy";
import { emitEvent, emitEvents } from "@/lib/webhooks/emit";
import { findEntry, type EntryRow } from "./queries";
import { serializeEntry } from "./serialize";
import { replaceTags, resolveRefs, tagIdsOf } from "./refs";
import { createEntrySchema, updateEntrySchema, type CreateEntryInput, type UpdateEntryInput } from "./schema";
import { assertEndAfterStart, assertNoOverlapWithRunning, assertNotInFuture, assertWithinMaxLength, CLOCK_SKEW_MS, describeLength, readTime } from "./times";
import { moveEntryToTrash, restoreEntryFromTrash } from "./trash";

/** Who acts: a member of the workspace; their zone reads wall-clock times, their maximum session length bounds every entry. */
export type Actor = MemberActor;
type Source = "timer" | "manual" | "api" | "import";

/** An entry of the actor's workspace that the actor may see: their own, or (managers and up) anyone's. */
export async function getEntryOrThrow(db: Db, actor: Actor, id: number): Promise<EntryRow> {
  const row = await findEntry(db, actor.workspaceId, id);
  if (!row) throw new AppError("not_found", "Time entry not found.");
  assertCan(actor, "entry.read", { workspaceId: row.entry.workspaceId, ownerId: row.entry.userId }, "Time entry not found.");
  return row;
}

/** A saved session (start + end, or start + duration); without either it starts a timer. */
export async function createEntry(db: Db, actor: Actor, input: CreateEntryInput, opts: { now?: Date; source?: Source } = {}): Promise<EntryRow> {
  const now = opts.now ?? new Date();
  const data = parseOrThrow(createEntrySchema, input);
  // Another member's entry (user_id): owners and admins only; it is checked and saved as theirs.
  const user = await actingFor(db, actor, data.user_id, { adding: true });
  const start = readTime(data.start_time, user.timezone, "start_time");
  if (data.end_time == null && data.duration_seconds == null) {
    if (start.getTime() > now.getTime() + CLOCK_SKEW_MS) throw AppError.validation({ start_time: ["A running timer cannot start in the future."] });
    assertRunningWithinMaxLength(start, now, user.maxEntryMinutes);
    const started = await startTimer(db, user, { notes: data.notes, project_id: data.project_id, task_id: data.task_id, tags: data.tags, billable: data.billable }, {
      now,
      startAt: start,
      stopRunning: false,
      source: opts.source ?? "api",
    });
    return user === actor ? started : getEntryOrThrow(db, actor, started.entry.id);
  }
  const end = data.end_time != null ? readTime(data.end_time, user.timezone, "end_time") : new Date(start.getTime() + data.duration_seconds! * 1000);
  // The error goes to the field the caller sent: the form shows it there.
  const endField = data.end_time != null ? "end_time" : "duration_seconds";
  assertEndAfterStart(start, end);
  assertNotInFuture(end, now, endField);
  assertWithinMaxLength(start, end, user.maxEntryMinutes, endField);
  assertNoOverlapWithRunning(start, end, await getRunningEntry(db, user), now, user.timezone);
  const refs = await resolveRefs(db, user, data);
  // The entry as committed is both the answer and the event webhooks receive: read in the transaction.
  const saved = await db.transaction(async (tx) => {
    // The tags' ids go into the entry's own row as it is written (replaceTags says why).
    const tagIds = data.tags?.length ? await tagIdsOf(tx, user, data.tags) : [];
    const [row] = await tx
      .insert(timeEntries)
      .values({
        workspaceId: user.workspaceId,
        userId: user.userId,
        projectId: refs.projectId,
        taskId: refs.taskId,
        description: data.notes ?? "",
        startAt: start,
        endAt: end,
        billable: data.billable ?? refs.projectBillable ?? false,
        source: opts.source ?? "manual",
        tagIds,
      })
      .returning({ id: timeEntries.id });
    if (tagIds.length) await replaceTags(tx, user, row.id, tagIds);
    const entry = (await findEntry(tx, user.workspaceId, row.id))!;
    await emitEvent(tx, user.workspaceId, "time_entry.created", serializeEntry(entry, now));
    return entry;
  });
  return saved;
}

/**
 * Changes any field of a session, running or saved. Giving a running session an end stops it.
 * Nothing changes unless every field is valid.
 */
export async function updateEntry(db: Db, actor: Actor, id: number, input: UpdateEntryInput, opts: { now?: Date } = {}): Promise<EntryRow> {
  const now = opts.now ?? new Date();
  const data = parseOrThrow(updateEntrySchema, input);
  const current = (await getEntryOrThrow(db, actor, id)).entry;
  assertCan(actor, "entry.write", { workspaceId: current.workspaceId, ownerId: current.userId });
  // An admin editing a member's entry: the projects it may move to are the member's.
  const user = await actingFor(db, actor, current.userId, { adding: false });
  const start = data.start_time ? readTime(data.start_time, user.timezone, "start_time") : current.startAt;
  const end = data.end_time ? readTime(data.end_time, user.timezone, "end_time") : current.endAt;
  const startMoved = start.getTime() !== current.startAt.getTime();
  const endMoved = end?.getTime() !== current.endAt?.getTime();
  // Only new times are checked against the rules: renaming an entry saved before them never fails.
  if (end) {
    assertEndAfterStart(start, end);
    if (endMoved) assertNotInFuture(end, now, "end_time");
    if (startMoved || endMoved) assertWithinMaxLength(start, end, user.maxEntryMinutes, endMoved ? "end_time" : "start_time");
    if (current.endAt !== null) {
      const running = await getRunningEntry(db, { userId: current.userId, workspaceId: current.workspaceId });
      assertNoOverlapWithRunning(start, end, running, now, user.timezone);
    }
  } else if (startMoved) {
    if (start.getTime() > now.getTime()) throw AppError.validation({ start_time: ["A running session cannot start in the future."] });
    assertRunningWithinMaxLength(start, now, user.maxEntryMinutes);
  }
  const refs = await resolveRefs(db, user, data, current);
  // Moving an entry to another project takes that project's billable default, unless billable is sent.
  const movedProject = data.project_id !== undefined && data.project_id !== current.projectId;
  const billable = data.billable ?? (movedProject && refs.projectBillable !== null ? refs.projectBillable : current.billable);
  return db.transaction(async (tx) => {
    // New tags: their ids go into the entry's own UPDATE, so the entry row is written once (replaceTags says why).
    const tagIds = data.tags ? await tagIdsOf(tx, user, data.tags) : undefined;
    await tx
      .update(timeEntries)
      .set({
        description: data.notes ?? current.description,
        projectId: refs.projectId,
        taskId: refs.taskId,
        startAt: start,
        endAt: end,
        billable,
        updatedAt: now,
        ...(tagIds && { tagIds }),
      })
      .where(and(eq(timeEntries.id, id), eq(timeEntries.workspaceId, user.workspaceId)));
    if (tagIds) await replaceTags(tx, user, id, tagIds);
    const entry = (await findEntry(tx, user.workspaceId, id))!;
    const shape = serializeEntry(entry, now);
    // Giving a running session an end is stopping its timer.
    const stops = current.endAt === null && end !== null;
    await emitEvents(tx, user.workspaceId, [{ type: "time_entry.updated", data: shape }, ...(stops ? [{ type: "timer.stopped" as const, data: shape }] : [])]);
    return entry;
  });
}

/**
 * A running timer whose start is set this far back could never be stopped now: it would already be longer
 * than a session may be.
 */
function assertRunningWithinMaxLength(start: Date, now: Date, maxMinutes: number): void {
  if (now.getTime() - start.getTime() > maxMinutes * 60_000) {
    throw AppError.validation(
      { start_time: [`A session can be at most ${describeLength(maxMinutes)} long (Settings → Maximum session length): pick a later start, or add it as a past session with its end.`] },
      `A running timer cannot have started more than ${describeLength(maxMinutes)} ago.`,
    );
  }
}

/** Deletes at once for every reader; restoreEntry undoes it for a while (lib/entries/trash.ts). */
export async function deleteEntry(db: Db, actor: Actor, id: number, now: Date = new Date()): Promise<void> {
  await moveEntryToTrash(db, actor, id, now);
}

/** Undo of a deletion: the entry comes back with its id, project, task and tags. */
export async function restoreEntry(db: Db, actor: Actor, id: number, now: Date = new Date()): Promise<EntryRow> {
  return restoreEntryFromTrash(db, actor, id, now);
}

export { listEntries } from "./list";
