import { AppError } from "@/lib/errors";
import { parseDateTimeInput } from "@/lib/time/period";
import { formatClock } from "@/lib/time/format";
import { DateTime } from "luxon";

/** Clocks of browsers, scripts and the server differ a little: an end this close to now is not "in the future". */
export const CLOCK_SKEW_MS = 60_000;

/** A date-time the caller sent, read in the user's zone; a validation error on `field` otherwise. */
export function readTime(text: string, tz: string, field: string): Date {
  const date = parseDateTimeInput(text, tz);
  if (!date) throw AppError.validation({ [field]: ["Use a date and time like 2026-11-20T09:30 (an offset such as +01:00 or Z is optional)."] });
  return date;
}

export function assertEndAfterStart(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) throw AppError.validation({ end_time: ["The end must be after the start."] });
}

/** "24 h", "1 h 30 min", "45 min", "7 days", "2 days 16 h": a length as a person says it (days only from two on). */
export function describeLength(minutes: number): string {
  const days = minutes >= 2 * 1440 ? Math.floor(minutes / 1440) : 0;
  const rest = minutes - days * 1440;
  const parts = [days && `${days} days`, Math.floor(rest / 60) && `${Math.floor(rest / 60)} h`, rest % 60 && `${rest % 60} min`].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 min";
}

/**
 * A saved session ends no later than now (plus a minute of clock skew): work that is still going on is
 * tracked with the running timer, not with an end in the future.
 */
export function assertNotInFuture(end: Date, now: Date, field: string): void {
  if (end.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw AppError.validation(
      { [field]: ["A session cannot end in the future. Pick an end up to now, or start the timer for work that is still going on."] },
      "The session ends in the future.",
    );
  }
}

/** The user's maximum session length (Settings), so that a forgotten timer or a typo in a date is not counted. */
export function assertWithinMaxLength(start: Date, end: Date, maxMinutes: number, field: string): void {
  if (end.getTime() - start.getTime() > maxMinutes * 60_000) {
    const limit = describeLength(maxMinutes);
    throw AppError.validation(
      { [field]: [`A session can be at most ${limit} long (Settings → Maximum session length). Check the start and end, or split it into several sessions.`] },
      `The session is longer than ${limit}.`,
    );
  }
}

/** A saved session may not overlap the running timer: the same minutes would be counted twice. */
export function assertNoOverlapWithRunning(start: Date, end: Date, running: { startAt: Date } | undefined, now: Date, tz: string): void {
  if (!running) return;
  if (start.getTime() < now.getTime() && end.getTime() > running.startAt.getTime()) {
    const at = DateTime.fromJSDate(running.startAt, { zone: tz }).toFormat("HH:mm");
    const runningFor = formatClock((now.getTime() - running.startAt.getTime()) / 1000);
    throw AppError.validation(
      { end_time: [`This overlaps your running timer, which started at ${at} (${runningFor} ago). End before then, or stop the timer first.`] },
      "The session overlaps the running timer.",
    );
  }
}
