import { wallClock as localWallClock } from "@/lib/time/display";

// Cell values shared by the three writers, so a CSV, a workbook and a PDF show an entry the same way:
// local dates and times in the report's zone, durations as h:mm and as decimal hours. Each entry of an export
// goes through here twice: Intl with one kept formatter per zone (lib/time/display.ts), not Luxon, which cost
// 3.0 s for 200,000 instants against 0.74 s.

/** An instant's local date ("2026-11-03") and time ("09:05") in `tz`. */
export const localParts = (iso: string, tz: string): { date: string; time: string } => localWallClock(iso, tz);

/**
 * The local wall-clock time of an instant as a Date whose UTC fields hold it: spreadsheets have no time
 * zones, so a cell showing 09:05 must store 09:05 (exceljs writes a Date's UTC fields). Zone offsets are
 * whole minutes, so the instant's own seconds are the local ones.
 */
export function wallClock(iso: string, tz: string): Date {
  const { date, time } = localWallClock(iso, tz);
  return new Date(`${date}T${time}:${String(new Date(iso).getUTCSeconds()).padStart(2, "0")}Z`);
}

/** A local date ("2026-11-03") as a spreadsheet date (midnight, UTC fields). */
export const sheetDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** "1:07" for 4033 s: whole minutes (seconds dropped, as a timesheet reads); hours are not wrapped at 24. */
export function hmm(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Decimal hours to two places ("1.12" for 4033 s), as the API and invoices read them. */
export const decimalHours = (seconds: number) => (Math.round((seconds / 3600) * 100) / 100).toFixed(2);

/** An amount to the cent, or empty when there is none. */
export const money = (v: number | null) => (v === null ? "" : v.toFixed(2));
