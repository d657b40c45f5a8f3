// Durations as people type them in forms (entry form, review): not needed to show a page, so kept apart
// from display.ts, which the Timer page's first load carries.

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
