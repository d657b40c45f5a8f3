import type { Entry } from "@/lib/queries/types";
import { wallClock } from "@/lib/time/display";
import type { Period } from "@/lib/time/period";

// The Overview list's rows by day, in a module of its own (not the list's "use client" one): the page's
// server code reads FIRST_ROWS to render the first screen with the HTML.

export type DayGroup = { date: string; entries: Entry[] };

/**
 * Sessions grouped by the local day they start on, days and sessions in time order. A session that
 * started before the period (across its first midnight) is listed on the period's first day.
 */
export function groupByDay(entries: Entry[], period: Period, tz: string): DayGroup[] {
  const groups = new Map<string, Entry[]>();
  const sorted = [...entries].sort((a, b) => a.start_time.localeCompare(b.start_time) || a.id - b.id);
  for (const e of sorted) {
    const started = wallClock(e.start_time, tz).date;
    const date = started < period.start ? period.start : started;
    const list = groups.get(date);
    if (list) list.push(e);
    else groups.set(date, [e]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, entries: list }));
}

/** Rows that fill a tall screen below the Overview's summary and charts: the list's first render, and the sessions the page's HTML comes with. */
export const FIRST_ROWS = 40;

/** The first `rows` sessions of the groups, in the same days (the last one cut short). */
export function firstRowsOf(groups: DayGroup[], rows: number): DayGroup[] {
  const out: DayGroup[] = [];
  let left = rows;
  for (const g of groups) {
    if (left <= 0) break;
    out.push(g.entries.length <= left ? g : { date: g.date, entries: g.entries.slice(0, left) });
    left -= g.entries.length;
  }
  return out;
}
