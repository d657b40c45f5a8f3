import { addCalendarDays } from "./calendar";
import { wallClock } from "./display";

// Day and start headings of session lists (kept apart from display.ts, which the Timer page's first
// load carries without them).

// Names as en-GB writes them ("Thu", "Sept"): a calendar date, read at UTC midnight.
const weekdayName = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });
const monthName = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
const calendarParts = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return { weekday: weekdayName.format(d), day: Number(date.slice(8, 10)), month: monthName.format(d), year: date.slice(0, 4) };
};

/** "Today", "Yesterday" or "Thu, 19 Nov" (with the year when it is not this year's). */
export function dayHeading(date: string, today: string): string {
  if (date === today) return "Today";
  if (addCalendarDays(date, 1) === today) return "Yesterday";
  const d = calendarParts(date);
  return `${d.weekday}, ${d.day} ${d.month}${d.year === today.slice(0, 4) ? "" : ` ${d.year}`}`;
}

/** "Thu 08:59" or "19 Nov 08:59": when a running session started. */
export function startedAt(iso: string, tz: string, today: string): string {
  const at = wallClock(iso, tz);
  if (at.date === today) return at.time;
  const d = calendarParts(at.date);
  return `${d.weekday} ${d.day} ${d.month} ${at.time}`;
}
