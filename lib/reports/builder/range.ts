import { addDays, periodOf, todayIn } from "@/lib/time/period";
import type { RangePreset } from "./query-schema";

/** A report's local dates: `start` and `end` inclusive, as the answer shows them. */
export type ReportRange = { preset: RangePreset; start: string; end: string };

/**
 * The dates of a preset in the user's zone and week start (this_week: the week holding today; last_month:
 * the whole month before this one), or the custom dates as given (the schema checked them).
 */
export function resolveRange(q: { range?: RangePreset; start_date?: string; end_date?: string }, tz: string, weekStart: number, now: Date): ReportRange {
  const preset: RangePreset = q.range ?? (q.start_date || q.end_date ? "custom" : "this_month");
  if (preset === "custom") return { preset, start: q.start_date!, end: q.end_date! };
  const today = todayIn(tz, now);
  const inclusive = (p: { start: string; end: string }) => ({ preset, start: p.start, end: addDays(p.end, -1) });
  switch (preset) {
    case "this_week":
      return inclusive(periodOf("week", today, tz, weekStart));
    case "last_week":
      return inclusive(periodOf("week", addDays(periodOf("week", today, tz, weekStart).start, -1), tz, weekStart));
    case "this_month":
      return inclusive(periodOf("month", today, tz, weekStart));
    case "last_month":
      return inclusive(periodOf("month", addDays(periodOf("month", today, tz, weekStart).start, -1), tz, weekStart));
    case "this_year":
      return { preset, start: `${today.slice(0, 4)}-01-01`, end: `${today.slice(0, 4)}-12-31` };
  }
}
