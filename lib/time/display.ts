import { addCalendarDays } from "./calendar";

// How dates and times read on the page, always in the user's zone (not the browser's). Intl does the
// zone arithmetic here, not Luxon: these run in the Timer page's browser code, which stays small.

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in `tz`: "YYYY-MM-DD" and "HH:mm" (one formatter per zone, kept). */
export function wallClock(instant: string | Date, tz: string): { date: string; time: string } {
  let format = wallClocks.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    wallClocks.set(tz, format);
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(typeof instant === "string" ? new Date(instant) : instant)) p[part.type] = part.value;
  return { date: `${p.year!.padStart(4, "0")}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export function timeOfDay(iso: string, tz: string): string {
  return wallClock(iso, tz).time;
}

/** The local date of an instant (an ISO string or a Date) in `tz`. */
export function localDate(instant: string | Date, tz: string): string {
  return wallClock(instant, tz).date;
}

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

const HOURS_THEN_MINUTES = /^(\d+(?:[.,]\d+)?|[.,]\d+) ?(?:h|hrs?|hours?)(?: ?(\d+) ?(?:m|mins?|minutes?)?)?$/;
const MINUTES_ONLY = /^(\d+(?:[.,]\d+)?) ?(?:m|mins?|minutes?)$/;

/**
 * Reads what people type for a duration, as seconds; null when it is none of these (or nothing):
 * "1:30" and "0:45:30" (h:mm[:ss]); "1.5" or "1,5" (a decimal alone is hours); "1.5h", "3h";
 * "1h30", "1h 30m", "1 h 30 min"; "90m", "90 min"; "90" (a whole number alone is minutes: the form
 * says so before saving).
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  const hours = (h: string) => Number(h.replace(",", ".")) * 3600;
  let m: RegExpMatchArray | null;
  let seconds: number | null = null;
  if ((m = t.match(/^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/))) seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  else if ((m = t.match(/^(\d*[.,]\d+)$/))) seconds = hours(m[1]);
  else if ((m = t.match(/^(\d{1,4})$/))) seconds = Number(m[1]) * 60;
  else if ((m = t.match(HOURS_THEN_MINUTES))) seconds = hours(m[1]) + Number(m[2] ?? 0) * 60;
  else if ((m = t.match(MINUTES_ONLY))) seconds = Number(m[1].replace(",", ".")) * 60;
  if (seconds === null) return null;
  seconds = Math.round(seconds);
  return seconds > 0 ? seconds : null;
}

/** "1 h 30 min", "45 min", "2 h", "45 min 30 s": how a parsed duration reads back. */
export function describeDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(" ") || "0 min";
}
