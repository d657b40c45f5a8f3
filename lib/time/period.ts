import { DateTime } from "luxon";
import { addCalendarDays, inYearRange, isCalendarDate, isValidLocalDate, LOCAL_DATE } from "./calendar";
import { localDate } from "./display";

// What "today", "this week" and "this month" are depends on the user's time zone and week start, not
// on the server's or the browser's. Local calendar dates are passed around as "YYYY-MM-DD" strings;
// instants as Date. Luxon does the zone arithmetic (DST days have 23 or 25 hours).

// The zone-free date rules live in calendar.ts (no Luxon, for the browser); re-exported for the server.
export { isValidLocalDate, LOCAL_DATE, MAX_YEAR, MIN_YEAR } from "./calendar";

export type PeriodKind = "day" | "week" | "month";
export const PERIOD_KINDS: PeriodKind[] = ["day", "week", "month"];

export type Period = {
  kind: PeriodKind;
  /** First local date of the period. */
  start: string;
  /** First local date after the period. */
  end: string;
  /** The instant the period starts (local midnight of `start`). */
  from: Date;
  /** The instant it ends, exclusive (local midnight of `end`). */
  to: Date;
  /** Every local date in the period, in order. */
  days: string[];
};

function localDay(date: string, tz: string): DateTime {
  const dt = DateTime.fromISO(date, { zone: tz });
  if (!LOCAL_DATE.test(date) || !dt.isValid) throw new RangeError(`Not a date: ${date}`);
  return dt.startOf("day");
}

/** Today's date where the user is. */
export function todayIn(tz: string, now: Date = new Date()): string {
  return localDate(now, tz);
}

/** The local date of an instant, in a zone (Intl with offsets remembered per hour: ~10× cheaper than Luxon). */
export function localDateOf(instant: Date, tz: string): string {
  return localDate(instant, tz);
}

/** The instant of local midnight starting `date` in `tz` (a midnight skipped by DST becomes the first valid time). */
export function startOfLocalDay(date: string, tz: string): Date {
  // Zone arithmetic is the costliest part of a report request, and a day's midnight in a zone never
  // changes: remember the last few hundred (a fresh Date each time, callers may mutate it).
  const key = `${tz} ${date}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    ms = localDay(date, tz).toMillis();
    if (midnights.size >= 512) midnights.clear();
    midnights.set(key, ms);
  }
  return new Date(ms);
}

const midnights = new Map<string, number>();

/** Adds days to a local date. */
export function addDays(date: string, days: number): string {
  // Plain UTC arithmetic for the dates Stint accepts; Luxon for anything else (its answer, even null).
  if (inYearRange(date) && isCalendarDate(date) && Number.isSafeInteger(days) && Math.abs(days) <= 36_500) {
    return addCalendarDays(date, days);
  }
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate()!;
}

/** The day, week (starting on `weekStart`, 0 = Sunday) or month that contains `date`. */
export function periodOf(kind: PeriodKind, date: string, tz: string, weekStart: number): Period {
  const day = DateTime.fromISO(date, { zone: "UTC" });
  if (!LOCAL_DATE.test(date) || !day.isValid) throw new RangeError(`Not a date: ${date}`);
  let first: DateTime;
  let next: DateTime;
  if (kind === "day") {
    first = day;
    next = day.plus({ days: 1 });
  } else if (kind === "week") {
    const weekday = day.weekday % 7; // luxon: Monday 1 .. Sunday 7 -> Sunday 0
    first = day.minus({ days: (weekday - weekStart + 7) % 7 });
    next = first.plus({ days: 7 });
  } else {
    first = day.startOf("month");
    next = first.plus({ months: 1 });
  }
  const start = first.toISODate()!;
  const end = next.toISODate()!;
  const days: string[] = [];
  for (let d = first; d < next; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return { kind, start, end, from: startOfLocalDay(start, tz), to: startOfLocalDay(end, tz), days };
}

/** The period `steps` periods before (negative) or after (positive) the given one. */
export function shiftPeriod(period: Period, steps: number, tz: string, weekStart: number): Period {
  const anchor = DateTime.fromISO(period.start, { zone: "UTC" });
  const moved = period.kind === "month" ? anchor.plus({ months: steps }) : anchor.plus({ days: steps * period.days.length });
  return periodOf(period.kind, moved.toISODate()!, tz, weekStart);
}

/**
 * Reads a date-time a person or client sent: with an offset or Z it is that instant; without one it is
 * a wall-clock time in `tz`; a bare date is that day's local midnight. Null when it is none of these.
 */
export function parseDateTimeInput(value: string, tz: string): Date | null {
  const text = value.trim();
  if (LOCAL_DATE.test(text)) return isValidLocalDate(text) ? startOfLocalDay(text, tz) : null;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(text)) return null;
  if (!inYearRange(text)) return null;
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text);
  const dt = DateTime.fromISO(text.replace(" ", "T"), hasOffset ? { setZone: true } : { zone: tz });
  return dt.isValid ? dt.toJSDate() : null;
}

/** The wall-clock date and time ("YYYY-MM-DD", "HH:mm") of an instant in `tz`, for forms. */
export function toLocalParts(instant: Date, tz: string): { date: string; time: string } {
  const dt = DateTime.fromJSDate(instant, { zone: tz });
  return { date: dt.toISODate()!, time: dt.toFormat("HH:mm") };
}

/** How many seconds of [start, end) fall on each local date: a session across midnight counts toward both days. */
export function splitByLocalDay(start: Date, end: Date, tz: string): { date: string; seconds: number }[] {
  const parts: { date: string; seconds: number }[] = [];
  let cursor = DateTime.fromJSDate(start, { zone: tz });
  const stop = DateTime.fromJSDate(end, { zone: tz });
  while (cursor < stop) {
    const nextMidnight = cursor.startOf("day").plus({ days: 1 });
    const until = nextMidnight < stop ? nextMidnight : stop;
    parts.push({ date: cursor.toISODate()!, seconds: Math.round(until.diff(cursor).as("seconds")) });
    cursor = until;
  }
  return parts;
}
