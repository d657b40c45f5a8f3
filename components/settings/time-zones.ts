// Pure helpers behind the time zone picker and the "Still working?" threshold field.

export type ZoneOption = { value: string; label: string };
export type ZoneGroup = { region: string; zones: ZoneOption[] };

const REGIONS = new Set(["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]);

/**
 * ICU (and so Intl in Chromium and Node) still lists some zones under names IANA has renamed: the
 * current IANA name for each. Only renames of the same place; zones IANA merged into a neighbour's
 * (Europe/Bratislava into Prague) keep their own name, as people look for their own city.
 */
export const ZONE_RENAMES: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Etc/UTC": "UTC",
  "Etc/GMT": "UTC",
};

/** The current IANA name of a zone ("Asia/Calcutta" -> "Asia/Kolkata"); any other name as it is. */
export function canonicalZone(zone: string): string {
  return ZONE_RENAMES[zone] ?? zone;
}

/** Every IANA zone this browser knows, by its current IANA name (its ICU list has no "UTC", so it is added). */
export function supportedTimeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", ...list.map(canonicalZone)])];
}

/** The old names of each renamed zone, so a search for "Calcutta" finds Asia/Kolkata. */
const OLD_NAMES = Object.entries(ZONE_RENAMES).reduce<Record<string, string[]>>((acc, [old, current]) => {
  (acc[current] ??= []).push(old);
  return acc;
}, {});

/** Lower case, without accents, "_" and "/" as spaces: "são_paulo" and "Sao Paulo" compare equal. */
function searchable(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[_/]/g, " ").toLowerCase();
}

/**
 * Whether a zone matches what was typed: every word of the query is in its IANA name, a former name or
 * its option label with the offset at the moment ("kolkata", "calcutta", "asia kol", "new york", "+05:30", "utc+9").
 */
export function zoneMatches(zone: string, query: string, label = ""): boolean {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const offset = /UTC[+-]\d\d:\d\d/.exec(label)?.[0] ?? "";
  // "UTC+09:00" is also found as "utc+9" and "+9".
  const short = offset.replace(/:00$/, "").replace(/([+-])0(\d)/, "$1$2");
  const haystack = searchable([zone, ...(OLD_NAMES[zone] ?? []), label, short].join(" "));
  return words.every((w) => haystack.includes(w));
}

/** "UTC+09:00", "UTC-03:30", "UTC+00:00" for a zone at an instant; "" for a zone this runtime does not know. */
export function utcOffset(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    if (!part) return "";
    // ICU writes zero as "GMT" or "GMT+00:00" depending on its version.
    return part === "GMT" ? "UTC+00:00" : part.replace("GMT", "UTC");
  } catch {
    return "";
  }
}

/** "Argentina / Buenos Aires" for America/Argentina/Buenos_Aires: the zone without its region. */
export function zoneLabel(zone: string): string {
  const parts = zone.split("/");
  const rest = REGIONS.has(parts[0]) && parts.length > 1 ? parts.slice(1) : parts;
  return rest.join(" / ").replaceAll("_", " ");
}

/**
 * Zones grouped by region (Africa, America, ... Pacific, then Other), each sorted by name and labelled with
 * its current offset, e.g. { region: "Asia", zones: [{ value: "Asia/Tokyo", label: "Tokyo (UTC+09:00)" }] }.
 * Duplicates are dropped, so callers may add the saved and the browser's zone to the list.
 */
export function groupTimeZones(zones: Iterable<string>, at: Date): ZoneGroup[] {
  const byRegion = new Map<string, ZoneOption[]>();
  for (const zone of new Set(zones)) {
    const head = zone.split("/")[0];
    const region = REGIONS.has(head) && zone.includes("/") ? head : "Other";
    const offset = utcOffset(zone, at);
    const option = { value: zone, label: offset && zone !== "UTC" ? `${zoneLabel(zone)} (${offset})` : zoneLabel(zone) };
    byRegion.set(region, [...(byRegion.get(region) ?? []), option]);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => (a === "Other" ? 1 : b === "Other" ? -1 : a.localeCompare(b)))
    .map(([region, options]) => ({ region, zones: options.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** The threshold field shows hours ("10", "1.5", "0.25"); the API stores minutes. */
export function minutesToHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** Minutes for what was typed in the hours field (rounded to whole minutes), or null when it is not a number. */
export function hoursToMinutes(input: string): number | null {
  const text = input.trim().replace(",", ".");
  if (!/^\d*\.?\d+$|^\d+\.$/.test(text)) return null;
  return Math.round(Number(text) * 60);
}

/** "10 h", "1 h 30 min", "6 min": a threshold in words. */
export function describeMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
