import { DateTime } from "luxon";

// How dates and times read on the page, always in the user's zone (not the browser's).

export function timeOfDay(iso: string, tz: string): string {
  return DateTime.fromISO(iso, { zone: tz }).toFormat("HH:mm");
}

export function localDate(iso: string, tz: string): string {
  return DateTime.fromISO(iso, { zone: tz }).toISODate()!;
}

/** "Today", "Yesterday" or "Thu, 19 Nov" (with the year when it is not this year's). */
export function dayHeading(date: string, today: string): string {
  if (date === today) return "Today";
  const d = DateTime.fromISO(date, { zone: "UTC" });
  if (d.plus({ days: 1 }).toISODate() === today) return "Yesterday";
  const sameYear = d.year === DateTime.fromISO(today).year;
  return d.setLocale("en-GB").toFormat(sameYear ? "ccc, d LLL" : "ccc, d LLL yyyy");
}

/** "Thu 08:59" or "19 Nov 08:59": when a running session started. */
export function startedAt(iso: string, tz: string, today: string): string {
  const dt = DateTime.fromISO(iso, { zone: tz }).setLocale("en-GB");
  return dt.toISODate() === today ? dt.toFormat("HH:mm") : dt.toFormat("ccc d LLL HH:mm");
}

/** Reads "1:30", "1h 30m", "90m", "1.5h", "45" (minutes) as seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/))) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  if ((m = t.match(/^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/)) && (m[1] || m[2])) {
    return Math.round(Number((m[1] ?? "0").replace(",", ".")) * 3600) + Number(m[2] ?? 0) * 60;
  }
  if ((m = t.match(/^\d{1,4}$/))) return Number(t) * 60;
  return null;
}
