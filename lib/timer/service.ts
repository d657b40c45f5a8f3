import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { timeEntries, type TimeEntry } from "@/db/schema";
import { findEntry, type EntryRow } from "@/lib/entries/queries";
import { replaceTags, resolveRefs } from "@/lib/entries/refs";
import { startTimerSchema, stopTimerSchema, type StartTimerInput } from "@/lib/entries/schema";
import { readTime } from "@/lib/entries/times";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";

type Actor = { id: number; timezone: string };

export async function getRunningEntry(db: Db, userId: number): Promise<TimeEntry | undefined> {
  const [row] = await db.select().from(timeEntries).where(and(eq(timeEntries.userId, userId), isNull(timeEntries.endAt))).limit(1);
  return row;
}

export async function getRunningEntryDetails(db: Db, userId: number): Promise<EntryRow | null> {
  const running = await getRunningEntry(db, userId);
  return running ? ((await findEntry(db, userId, running.id)) ?? null) : null;
}

const isOneRunningViolation = (error: unknown) => pgErrorCode(error) === "23505" && constraintName(error) === "time_entries_one_running_per_user";

const alreadyRunning = () => new AppError("timer_already_running", "A timer is already running. Stop it first.");

/**
 * Starts a session at the server's clock. With stopRunning (the browser's Start), a running session is
 * stopped at the same instant; otherwise (the API) a running one is a 409. The database's partial unique
 * index decides races: when two starts collide, the loser retries, so the last click wins and exactly
 * one timer runs.
 */
export async function startTimer(
  db: Db,
  user: Actor,
  input: StartTimerInput,
  opts: { now?: Date; startAt?: Date; stopRunning: boolean; source?: TimeEntry["source"] },
): Promise<EntryRow> {
  const data = parseOrThrow(startTimerSchema, input);
  const refs = await resolveRefs(db, user.id, data);
  for (let attempt = 1; ; attempt++) {
    try {
      const id = await db.transaction(async (tx) => {
        if (opts.stopRunning) {
          // One start at a time per user: otherwise concurrent starts each find nothing to stop, all but
          // one break the unique index, and under enough of them some run out of retries (a 409 for
          // the browser's Start or replace_running). NO KEY UPDATE does not wait for foreign-key checks.
          await tx.execute(sql`select id from users where id = ${user.id} for no key update`);
        }
        // Read the clock after waiting: the last start to get through is the one that runs.
        const now = opts.now ?? new Date();
        const startAt = opts.startAt ?? now;
        if (opts.stopRunning) {
          // greatest(): a timer whose start was moved later than now ends at its start, never before it.
          await tx
            .update(timeEntries)
            .set({ endAt: sql`greatest(${now.toISOString()}::timestamptz, ${timeEntries.startAt})`, updatedAt: now })
            .where(and(eq(timeEntries.userId, user.id), isNull(timeEntries.endAt)));
        }
        const [row] = await tx
          .insert(timeEntries)
          .values({
            userId: user.id,
            projectId: refs.projectId,
            taskId: refs.taskId,
            description: data.notes ?? "",
            startAt,
            endAt: null,
            billable: data.billable ?? refs.projectBillable ?? false,
            source: opts.source ?? "timer",
          })
          .returning({ id: timeEntries.id });
        if (data.tags?.length) await replaceTags(tx, user.id, row.id, data.tags);
        return row.id;
      });
      return (await findEntry(db, user.id, id))!;
    } catch (error) {
      if (!isOneRunningViolation(error)) throw error;
      if (!opts.stopRunning || attempt >= 5) throw alreadyRunning();
    }
  }
}

/** Stops the running session now, or at an earlier time the user picks (a timer left running). */
export async function stopTimer(db: Db, user: Actor, input: { end_time?: string }, now: Date = new Date()): Promise<EntryRow> {
  const data = parseOrThrow(stopTimerSchema, input);
  const running = await getRunningEntry(db, user.id);
  if (!running) throw new AppError("no_active_timer", "No timer is running.");
  const end = data.end_time ? readTime(data.end_time, user.timezone, "end_time") : now;
  if (end.getTime() < running.startAt.getTime()) throw AppError.validation({ end_time: ["The timer cannot stop before it started."] });
  if (end.getTime() > now.getTime() + 60_000) throw AppError.validation({ end_time: ["The timer cannot stop in the future."] });
  const stopped = await db
    .update(timeEntries)
    .set({ endAt: end, updatedAt: now })
    .where(and(eq(timeEntries.id, running.id), isNull(timeEntries.endAt)))
    .returning({ id: timeEntries.id });
  if (stopped.length === 0) throw new AppError("no_active_timer", "No timer is running.");
  return (await findEntry(db, user.id, running.id))!;
}
