// Instants as Date#toISOString writes them, without a Date: Next.js wraps the server's Date constructor
// (node-environment-extensions/date.js, Reflect.construct per call), and a month's 6,400 instants through it
// cost the Overview's request 12 ms of the server's main thread (bench/pglite-concurrency.ts).

const pad = (n: number, width: number) => String(n).padStart(width, "0");
// "00"…"99" and "000"…"999", and each day's date once: a month's instants share their few days, so each is a
// few lookups (a month's 6,440 in 0.45 ms, against 4.1 ms computing and padding every part of each).
const TWO = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const THREE = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const datesByDay = new Map<number, string>();

/** Days since 1970 as "YYYY-MM-DD" (Howard Hinnant's civil_from_days). */
function civilDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${TWO[m]}-${TWO[d]}`;
}

/** Whole milliseconds since 1970 as "YYYY-MM-DDTHH:MM:SS.mmmZ", the text `new Date(ms).toISOString()` gives for years 0–9999. */
export function isoFromMs(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = datesByDay.get(day);
  if (date === undefined) {
    if (datesByDay.size >= 4096) datesByDay.clear(); // bounded: a few months of days is what a server writes
    date = civilDate(day);
    datesByDay.set(day, date);
  }
  const inDay = ms - day * 86_400_000;
  const seconds = Math.floor(inDay / 1000);
  return `${date}T${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}.${THREE[inDay % 1000]}Z`;
}

/** Seconds since 1970 as PostgreSQL's date_part('epoch', …) gives them (float8) to whole milliseconds: microseconds first, then cut as a Date holds them. */
export const msFromEpochSeconds = (seconds: number): number => Math.floor(Math.round(seconds * 1e6) / 1000);
