import { sql, type SQL } from "drizzle-orm";
import { addDays } from "@/lib/time/period";

/**
 * A day's week and month, by arithmetic on day numbers (an int expression: days since `zero`), not by
 * extract() or date_trunc() on dates: those convert through timestamps and numerics on each row (a year's
 * report by tag and month spent ~15 % of its time in date_trunc of its parts' days). The answers are day
 * numbers from the same day zero.
 */
export type DayZero = { date: string; weekday: number };

/** Day numbers since 1970-01-01, a Thursday. */
export const UNIX_DAYS: DayZero = { date: "1970-01-01", weekday: 4 };

/** The first day of `day`'s week, by the user's week start (0 = Sunday). */
export function weekStartSql(day: SQL, weekStart: number, zero: DayZero = UNIX_DAYS): SQL {
  // day % 7 is negative before day zero, hence + 7 (and + 7 again for the week start).
  return sql`(${day} - ((${day}) % 7 + ${sql.raw(String(14 + zero.weekday - weekStart))}) % 7)`;
}

/**
 * The first day of `day`'s month, for a day from the first of `start`'s month to `end` (exclusive; local
 * dates: a report's range and the month it begins in, whose first day is a month group's key): looked up by
 * the day's place, one array subscript (a binary search among the months, width_bucket, cost twice as much).
 * A day outside reads null.
 */
export function monthStartSql(day: SQL, start: string, end: string, zero: DayZero = UNIX_DAYS): SQL {
  const number = (date: string) => (Date.parse(date) - Date.parse(zero.date)) / 86_400_000;
  const from = `${start.slice(0, 7)}-01`;
  const monthOf: number[] = [];
  for (let d = from; d < end; d = addDays(d, 1)) monthOf.push(number(`${d.slice(0, 7)}-01`));
  return sql`(${`{${monthOf.join(",")}}`}::int[])[(${day}) - ${sql.raw(String(number(from) - 1))}]`;
}
