import type { Entry } from "@/lib/queries/types";
import { localDate, timeOfDay } from "@/lib/time/display";

export type DayGroup = {
  date: string;
  /** The saved sessions that started on this day: they are listed under it, whole. */
  entries: Entry[];
  /** Sessions that started on an earlier day (or run now) and have a part in this day's total. */
  carried: Entry[];
};

/**
 * A week's sessions by the local day they started on, newest day first, plus every day that has time in
 * `daysWithTime` (days the server counted time on) without a session starting on it (a session across midnight, a running timer), so each
 * day's total shows beside what makes it up. The totals themselves come from the server.
 */
export function groupWeek(entries: Entry[], weekStart: string, daysWithTime: Set<string>, tz: string): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  const group = (date: string) => groups.get(date) ?? groups.set(date, { date, entries: [], carried: [] }).get(date)!;
  const started = (e: Entry) => localDate(e.start_time, tz);
  for (const e of entries) if (!e.is_active && started(e) >= weekStart) group(started(e)).entries.push(e);
  for (const date of daysWithTime) {
    if (!date) continue;
    const g = group(date);
    g.carried = entries.filter((e) => (e.is_active ? started(e) <= date : started(e) < date && endsAfterMidnightOf(e, date, tz)));
  }
  return [...groups.values()].sort((a, b) => b.date.localeCompare(a.date));
}

function endsAfterMidnightOf(e: Entry, date: string, tz: string): boolean {
  const end = localDate(e.end_time!, tz);
  return end > date || (end === date && timeOfDay(e.end_time!, tz) !== "00:00");
}
