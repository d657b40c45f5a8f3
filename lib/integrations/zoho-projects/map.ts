import { DateTime } from "luxon";
import type { Completeness, SyncEntry } from "../types";

// A Stint entry as a Zoho time log (contract §3.4): the day is the entry's start in the portal's time
// zone as MM-DD-YYYY, the duration hh:mm of whole (rounded) minutes, never decimal hours.

export type ZohoLogKind = "task" | "general";
export type ZohoLogForm = { date: string; hours: string; bill_status: "Billable" | "Non Billable"; notes: string; name?: string };

/** General logs need a title ("name"); Zoho's field is short. */
export const GENERAL_LOG_NAME_MAX = 100;

/** MM-DD-YYYY of `instant` in `zone`. */
export function zohoDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("MM-dd-yyyy");
}

/** Whole minutes between start and end, rounded to the nearest minute. */
export function durationMinutes(startAt: Date, endAt: Date): number {
  return Math.max(0, Math.round((endAt.getTime() - startAt.getTime()) / 60_000));
}

/** 95 → "01:35". */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "01:35" → 95, or null. */
export function parseHhmm(text: unknown): number | null {
  const m = typeof text === "string" ? /^(\d+):(\d{2})$/.exec(text.trim()) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export const billStatus = (billable: boolean) => (billable ? "Billable" : "Non Billable");

/** A general log's title: the description on one line, at most GENERAL_LOG_NAME_MAX characters. */
export function generalLogName(description: string): string {
  const line = description.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= GENERAL_LOG_NAME_MAX ? line : `${chars.slice(0, GENERAL_LOG_NAME_MAX - 1).join("").trimEnd()}…`;
}

export const logKindOf = (entry: Pick<SyncEntry, "remoteTaskId">): ZohoLogKind => (entry.remoteTaskId ? "task" : "general");

/** The form fields of a task or general log for a complete, stopped entry. */
export function logForm(entry: SyncEntry, portalZone: string): ZohoLogForm {
  if (!entry.endAt) throw new RangeError("A running entry has no Zoho log.");
  const description = entry.description.trim();
  const form: ZohoLogForm = {
    date: zohoDate(entry.startAt, portalZone),
    hours: hhmm(durationMinutes(entry.startAt, entry.endAt)),
    bill_status: billStatus(entry.billable),
    notes: description,
  };
  if (logKindOf(entry) === "general") form.name = generalLogName(description);
  return form;
}

/** What the entry still lacks before it can become a Zoho log. */
export function isComplete(entry: SyncEntry): Completeness {
  if (!entry.remoteProjectId) return { ok: false, reason: "Needs a Zoho project" };
  if (!entry.endAt) return { ok: false, reason: "Still running" };
  if (!entry.description.trim()) return { ok: false, reason: "Needs a description" };
  // Zoho wants hh:mm greater than zero; under a minute would round to 00:00 or 00:01 by luck.
  if (entry.endAt.getTime() - entry.startAt.getTime() < 60_000) return { ok: false, reason: "Too short to send (under a minute)" };
  return { ok: true };
}
