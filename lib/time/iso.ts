// Instants as Date#toISOString writes them, without a Date: Next.js wraps the server's Date constructor
// (node-environment-extensions/date.js, Reflect.construct per call), and a month's 6,400 instants through it
// cost the Overview's request 12 ms of the server's main thread (bench/pglite-concurrency.ts).

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Milliseconds since 1970 as "YYYY-MM-DDTHH:MM:SS.mmmZ", the text `new Date(ms).toISOString()` gives for
 * years 0–9999 (days to a civil date by Howard Hinnant's civil_from_days).
 */
export function isoFromMs(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const inDay = ms - day * 86_400_000;
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const h = Math.floor(inDay / 3_600_000);
  const min = Math.floor((inDay % 3_600_000) / 60_000);
  const s = Math.floor((inDay % 60_000) / 1000);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(min, 2)}:${pad(s, 2)}.${pad(inDay % 1000, 3)}Z`;
}

/** Seconds since 1970 as PostgreSQL's date_part('epoch', …) gives them (float8) to whole milliseconds: microseconds first, then cut as a Date holds them. */
export const msFromEpochSeconds = (seconds: number): number => Math.floor(Math.round(seconds * 1e6) / 1000);
