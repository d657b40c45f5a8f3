import { and, eq, isNull, sql, type Placeholder } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { timeEntries, type TimeEntry } from "@/db/schema";
import { findEntry, runningEntryOf, selectEntries, type EntryRow } from "@/lib/entries/queries";
import { replaceTags, resolveRefs, tagIdsOf } from "@/lib/entries/refs";
import { startTimerSchema, stopTimerSchema, type StartTimerInput } from "@/lib/entries/schema";
import { serializeEntry } from "@/lib/entries/serialize";
import { describeLength, readTime } from "@/lib/entries/times";
import { emitEvents } from "@/lib/webhooks/emit";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import type { MemberActor } from "@/lib/workspaces/actor";
import { DateTime } from "luxon";

type Actor = MemberActor;
/** Whose timer, in which workspace: a user has one running timer across their workspaces, and each
 *  workspace sees only the one running in it. */
type TimerOwner = { userId: number; workspaceId: number };

/** "Tue 1 Dec 14:05" in the user's zone. */
const localTime = (date: Date, tz: string) => DateTime.fromJSDate(date, { zone: tz }).toFormat("ccc d LLL HH:mm");

/**
 * A timer left running past the user's maximum session length cannot simply be stopped now: the message
 * says what to do instead (stop it at an earlier time, or raise the limit).
 */
function tooLongToStop(running: { startAt: Date }, end: Date, user: Actor, chosen: boolean): AppError {
  const limit = describeLength(user.maxEntryMinutes);
  const latest = localTime(new Date(running.startAt.getTime() + user.maxEntryMinutes * 60_000), user.timezone);
  const length = describeLength(Math.floor((end.getTime() - running.startAt.getTime()) / 60_000));
  const what = chosen ? `Stopped then, this session would last ${length}` : `This timer has run for ${length}`;
  const message = `${what}, longer than a session can be (${limit}). Stop it at the time you finished, ${latest} or earlier (Stop at a past time…), or raise the limit in Settings → Maximum session length.`;
  return AppError.validation({ end_time: [message] }, message);
}

// The table by its own name: these statements read or change time_entries unaliased.
const running = (userId: number | Placeholder, workspaceId: number | Placeholder) => runningEntryOf("time_entries", userId, workspaceId);

export async function getRunningEntry(db: Db, owner: TimerOwner): Promise<TimeEntry | undefined> {
  const query = prepared(db, "running_entry", () =>
    db.select().from(timeEntries).where(running(sql.placeholder("user"), sql.placeholder("workspace"))).limit(1).prepare("running_entry"),
  );
  const [row] = await query.execute({ user: owner.userId, workspace: owner.workspaceId });
  return row;
}

/** The running session with the names a list shows, in one query (GET /timer/status polls it). */
export async function getRunningEntryDetails(db: Db, owner: TimerOwner): Promise<EntryRow | null> {
  const query = prepared(db, "running_entry_details", () =>
    selectEntries(db).where(running(sql.placeholder("user"), sql.placeholder("workspace"))).limit(1).prepare("running_entry_details"),
  );
  const [row] = await query.execute({ user: owner.userId, workspace: owner.workspaceId });
  return row ?? null;
}

/** A started timer is a new entry too, a stopped one a changed entry: webhooks get both events. */
function startedEvents(entry: EntryRow, now: Date) {
  const data = serializeEntry(entry, now);
  return [
    { type: "time_entry.created", data },
    { type: "timer.started", data },
  ] as const;
}

function stoppedEvents(entry: EntryRow, now: Date) {
  const data = serializeEntry(entry, now);
  return [
    { type: "time_entry.updated", data },
    { type: "timer.stopped", data },
  ] as const;
}

/** Namespace of the per-user advisory lock around "stop the running timer, start a new one". */
const TIMER_LOCK = 7_246_001;

const isOneRunningViolation = (error: unknown) => pgErrorCode(error) === "23505" && constraintName(error) === "time_entries_one_running_per_user";

const alreadyRunning = () => new AppError("timer_already_running", "A timer is already running. Stop it first.");
const runningElsewhere = () =>
  new AppError("timer_already_running", "A timer of yours is running in another workspace: switch to that workspace and stop it first.");

/** Whether the user's one running timer is in another workspace than this one. */
async function runsElsewhere(db: Db, user: TimerOwner): Promise<boolean> {
  const [row] = await db.select({ workspaceId: timeEntries.workspaceId }).from(timeEntries).where(runningEntryOf("time_entries", user.userId)).limit(1);
  return row !== undefined && row.workspaceId !== user.workspaceId;
}

/**
 * Starts a session at the server's clock. With stopRunning (the browser's Start), a running session is
 * stopped at the same instant; otherwise (the API) a running one is a 409. Replacing starts of one user
 * take turns under an advisory lock, so the last click wins; the partial unique index guarantees one
 * running timer whatever happens (a start that still collides with it retries, or answers 409).
 */
export async function startTimer(
  db: Db,
  user: Actor,
  input: StartTimerInput,
  opts: { now?: Date; startAt?: Date; stopRunning: boolean; source?: TimeEntry["source"] },
): Promise<EntryRow> {
  const data = parseOrThrow(startTimerSchema, input);
  const refs = await resolveRefs(db, user, data);
  for (let attempt = 1; ; attempt++) {
    const insert = async (tx: Db, startAt: Date) => {
      // The tags' ids go into the entry's own row as it is written (replaceTags in lib/entries/refs.ts says why).
      const tagIds = data.tags?.length ? await tagIdsOf(tx, user, data.tags) : [];
      const [row] = await tx
        .insert(timeEntries)
        .values({
          workspaceId: user.workspaceId,
          userId: user.userId,
          projectId: refs.projectId,
          taskId: refs.taskId,
          description: data.notes ?? "",
          startAt,
          endAt: null,
          billable: data.billable ?? refs.projectBillable ?? false,
          source: opts.source ?? "timer",
          tagIds,
        })
        .returning({ id: timeEntries.id });
      if (tagIds.length) await replaceTags(tx, user, row.id, tagIds);
      return row.id;
    };
    try {
      // One transaction: the stop of a replaced timer, the new entry, its tags and the events webhooks receive.
      return await db.transaction(async (tx) => {
        if (opts.stopRunning) {
          // Starts of one user take turns (a transaction-scoped advisory lock), so each one stops the
          // timer the previous one started instead of colliding with it on the unique index.
          await tx.execute(sql`select pg_advisory_xact_lock(${TIMER_LOCK}, ${user.userId})`);
        }
        // Read the clock after waiting: the last start to get through is the one that runs.
        const now = opts.now ?? new Date();
        const events: ReturnType<typeof stoppedEvents>[number][] = [];
        if (opts.stopRunning) {
          // Stopping it now must not save a session longer than the user's maximum: refuse, saying how to proceed.
          const [previous] = await tx
            .select({ startAt: timeEntries.startAt })
            .from(timeEntries)
            .where(running(user.userId, user.workspaceId));
          if (previous && now.getTime() - previous.startAt.getTime() > user.maxEntryMinutes * 60_000) {
            throw new AppError("conflict", `The running timer was not stopped, so no new one started. ${tooLongToStop(previous, now, user, false).message}`);
          }
          // greatest(): a timer whose start was moved later than now ends at its start, never before it.
          const stopped = await tx
            .update(timeEntries)
            .set({ endAt: sql`greatest(${now.toISOString()}::timestamptz, ${timeEntries.startAt})`, updatedAt: now })
            .where(running(user.userId, user.workspaceId))
            .returning({ id: timeEntries.id });
          for (const { id } of stopped) events.push(...stoppedEvents((await findEntry(tx, user.workspaceId, id))!, now));
        }
        const started = (await findEntry(tx, user.workspaceId, await insert(tx, opts.startAt ?? now)))!;
        await emitEvents(tx, user.workspaceId, [...events, ...startedEvents(started, now)]);
        return started;
      });
    } catch (error) {
      if (!isOneRunningViolation(error)) throw error;
      // A timer in another workspace is not this workspace's to stop: its tokens and pages cannot reach it.
      if (await runsElsewhere(db, user)) throw runningElsewhere();
      if (!opts.stopRunning || attempt >= 5) throw alreadyRunning();
    }
  }
}

/** Stops the running session now, or at an earlier time the user picks (a timer left running). */
export async function stopTimer(db: Db, user: Actor, input: { end_time?: string }, now: Date = new Date()): Promise<EntryRow> {
  const data = parseOrThrow(stopTimerSchema, input);
  const running = await getRunningEntry(db, user);
  if (!running) throw new AppError("no_active_timer", "No timer is running.");
  const end = data.end_time ? readTime(data.end_time, user.timezone, "end_time") : now;
  if (end.getTime() < running.startAt.getTime()) throw AppError.validation({ end_time: ["The timer cannot stop before it started."] });
  if (end.getTime() > now.getTime() + 60_000) throw AppError.validation({ end_time: ["The timer cannot stop in the future: pick a time up to now."] });
  if (end.getTime() - running.startAt.getTime() > user.maxEntryMinutes * 60_000) {
    // Stopping now: say how long it ran and how to proceed; stopping at a chosen time: the same advice.
    throw tooLongToStop(running, end, user, Boolean(data.end_time));
  }
  return db.transaction(async (tx) => {
    const stopped = await tx
      .update(timeEntries)
      .set({ endAt: end, updatedAt: now })
      .where(and(eq(timeEntries.id, running.id), isNull(timeEntries.endAt)))
      .returning({ id: timeEntries.id });
    if (stopped.length === 0) throw new AppError("no_active_timer", "No timer is running.");
    const entry = (await findEntry(tx, user.workspaceId, running.id))!;
    await emitEvents(tx, user.workspaceId, [...stoppedEvents(entry, now)]);
    return entry;
  });
}
