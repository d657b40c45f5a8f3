// How dates and times read on the page, always in the user's zone (not the browser's). Intl does the
// zone arithmetic here, not Luxon: these run in the Timer page's browser code, which stays small.

const formats = new Map<string, Intl.DateTimeFormat>();
/** Per zone: the zone's offset (ms) through each UTC hour, or null for an hour with a change of offset in it. */
const hourOffsets = new Map<string, Map<number, number | null>>();
const HOUR = 3_600_000;

function formatIn(tz: string): Intl.DateTimeFormat {
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formats.set(tz, format);
  }
  return format;
}

/** How far `tz`'s wall clock is ahead of UTC at `ms` (whole seconds: Intl shows no fractions). */
function offsetAt(ms: number, tz: string): number {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  const whole = Math.floor(ms / 1000) * 1000;
  for (const part of formatIn(tz).formatToParts(whole)) p[part.type] = part.value;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - whole;
}

// Intl's formatToParts costs ~10 µs a call: a month of the Overview (1,600 sessions, a start and an end
// each) spent ~100 ms of its render on it. A zone's offset only changes a few times a year, so each UTC
// hour is asked once, at both ends: the same offset at both means none changed in between (a change and
// its reversal inside one hour exist in no zone's rules), and only an hour with a change in it asks Intl
// for the instant itself.
function offsetOf(ms: number, tz: string): number {
  let hours = hourOffsets.get(tz);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(tz, hours);
  }
  const hour = Math.floor(ms / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR, tz);
    offset = first === offsetAt(hour * HOUR + HOUR - 1000, tz) ? first : null;
    if (hours.size >= 20_000) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? offsetAt(ms, tz);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The wall-clock date and time of an instant in `tz`: "YYYY-MM-DD" and "HH:mm". */
export function wallClock(instant: string | Date, tz: string): { date: string; time: string } {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  const wall = new Date(ms + offsetOf(ms, tz));
  return {
    date: `${String(wall.getUTCFullYear()).padStart(4, "0")}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`,
    time: `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`,
  };
}

export function timeOfDay(iso: string, tz: string): string {
  return wallClock(iso, tz).time;
}

/** The local date of an instant (an ISO string or a Date) in `tz`. */
export function localDate(instant: string | Date, tz: string): string {
  return wallClock(instant, tz).date;
}
