import { localDate } from "@/lib/time/display";

/** Suggestions under the local day (in the user's zone) that each starts on, days and items in time order. */
export function groupByDay<T extends { start_time: string; duration_seconds: number }>(items: readonly T[], tz: string): { day: string; items: T[]; seconds: number }[] {
  const days = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.start_time.localeCompare(b.start_time))) {
    const day = localDate(item.start_time, tz);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, items: list, seconds: list.reduce((sum, s) => sum + s.duration_seconds, 0) }));
}
