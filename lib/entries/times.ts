import { AppError } from "@/lib/errors";
import { parseDateTimeInput } from "@/lib/time/period";
import { formatClock } from "@/lib/time/format";
import { DateTime } from "luxon";

/** A date-time the caller sent, read in the user's zone; a validation error on `field` otherwise. */
export function readTime(text: string, tz: string, field: string): Date {
  const date = parseDateTimeInput(text, tz);
  if (!date) throw AppError.validation({ [field]: ["Use a date and time like 2026-11-20T09:30 (an offset such as +01:00 or Z is optional)."] });
  return date;
}

export function assertEndAfterStart(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) throw AppError.validation({ end_time: ["The end must be after the start."] });
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
