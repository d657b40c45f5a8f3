import { DateTime } from "luxon";
import { isValidLocalDate, PERIOD_KINDS, periodOf, shiftPeriod, todayIn, type Period, type PeriodKind } from "@/lib/time/period";

// What the Overview shows lives in the URL (?period=week&date=2026-11-19): a kind and any local date
// inside the wanted period (the "anchor"). Dates are local calendar dates of the user's zone.

export type Selection = { kind: PeriodKind; date: string };

type Params = { get(name: string): string | null };

/** The selection in the URL, or this week where the user is. */
export function readSelection(params: Params, tz: string, now: Date = new Date()): Selection {
  const kind = params.get("period");
  const date = params.get("date");
  return {
    kind: PERIOD_KINDS.includes(kind as PeriodKind) ? (kind as PeriodKind) : "week",
    date: date && isValidLocalDate(date) ? date : todayIn(tz, now),
  };
}

export function searchOf(selection: Selection): string {
  return `?period=${selection.kind}&date=${selection.date}`;
}

/**
 * Moves the anchor by whole periods and keeps its place inside the period: after "Next week" from a
 * Thursday, switching to Day shows that next Thursday. A month anchor past the end of a shorter month
 * lands on its last day.
 */
export function shiftSelection(selection: Selection, steps: number): Selection {
  const d = DateTime.fromISO(selection.date, { zone: "UTC" });
  const moved = selection.kind === "day" ? d.plus({ days: steps }) : selection.kind === "week" ? d.plus({ weeks: steps }) : d.plus({ months: steps });
  return { kind: selection.kind, date: moved.toISODate()! };
}

const day = (date: string) => DateTime.fromISO(date, { zone: "UTC", locale: "en-US" });

/** "Thursday 19 November 2026", "Mon 16 – Sun 22 Nov 2026", "November 2026". */
export function periodTitle(period: Period): string {
  const first = day(period.start);
  if (period.kind === "day") return first.toFormat("cccc d LLLL yyyy");
  if (period.kind === "month") return first.toFormat("LLLL yyyy");
  const last = day(period.days[period.days.length - 1]);
  const left = first.year !== last.year ? "ccc d LLL yyyy" : first.month !== last.month ? "ccc d LLL" : "ccc d";
  return `${first.toFormat(left)} – ${last.toFormat("ccc d LLL yyyy")}`;
}

const RELATIVE: Record<PeriodKind, [string, string, string]> = {
  day: ["Yesterday", "Today", "Tomorrow"],
  week: ["Last week", "This week", "Next week"],
  month: ["Last month", "This month", "Next month"],
};

/** "Today", "Last week", "Next month"... when the period is that close to today; otherwise null. */
export function relativeLabel(period: Period, today: string, tz: string, weekStart: number): string | null {
  const current = periodOf(period.kind, today, tz, weekStart);
  for (const steps of [-1, 0, 1]) {
    if (shiftPeriod(current, steps, tz, weekStart).start === period.start) return RELATIVE[period.kind][steps + 1];
  }
  return null;
}

/** "the day" / "this week"... for sentences about the shown period. */
export function periodNoun(kind: PeriodKind): string {
  return kind === "day" ? "day" : kind === "week" ? "week" : "month";
}

/** "Tuesday 16 June" */
export function longDate(date: string): string {
  return day(date).toFormat("cccc d LLLL");
}

/** ["Tue", "16"] */
export function shortDateParts(date: string): [string, string] {
  const d = day(date);
  return [d.toFormat("ccc"), d.toFormat("d")];
}

/** 1..31 */
export function dayOfMonth(date: string): number {
  return day(date).day;
}
