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
