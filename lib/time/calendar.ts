// Calendar dates ("YYYY-MM-DD") without a zone, in plain arithmetic: no Luxon, so the Timer page's
// browser code can use it (Luxon is ~20 kB gzipped). period.ts builds the zoned periods on top of it.

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The years Stint accepts in input: wide enough for any real session, and far from the edges where
 * PostgreSQL (no year 0) and date arithmetic (five-digit years after 9999-12-31) break.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const inYearRange = (text: string) => Number(text.slice(0, 4)) >= MIN_YEAR && Number(text.slice(0, 4)) <= MAX_YEAR;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A "YYYY-MM-DD" that names a real calendar day (plain arithmetic: it runs on every report request). */
export function isCalendarDate(date: string): boolean {
  if (!LOCAL_DATE.test(date)) return false;
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(date.slice(0, 4)), month);
}

export function isValidLocalDate(date: string): boolean {
  return inYearRange(date) && isCalendarDate(date);
}

/** Adds days to a date Stint accepts (isValidLocalDate), up to 100 years either way. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days)).toISOString().slice(0, 10);
}

/** The week (its first date, the first date after it, and its seven dates) that contains `date`; `weekStart` 0 = Sunday. */
export function weekOf(date: string, weekStart: number): { kind: "week"; start: string; end: string; days: string[] } {
  if (!isValidLocalDate(date)) throw new RangeError(`Not a date: ${date}`);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const start = addCalendarDays(date, -((weekday - weekStart + 7) % 7));
  const days = Array.from({ length: 7 }, (_, i) => addCalendarDays(start, i));
  return { kind: "week", start, end: addCalendarDays(start, 7), days };
}
