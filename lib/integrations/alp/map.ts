import { DateTime } from "luxon";
import type { Completeness, SyncEntry } from "../types";
import type { AlpSettings } from "./settings";

// A Stint entry as ALP's time entry (contract "Writes"). The day and the offset are the person's own zone;
// `units` are 6-minute units rounded up.

export type AlpEntryBody = {
  matter_id: string;
  outcome_id: string | null;
  component_id: string | null;
  user_id: string;
  date: string;
  start_time: string;
  minutes: number;
  units: number;
  description: string;
  gst_type_id: string | null;
  billable: boolean;
  external_ref: string;
};

/** A component is imported as a task whose remote id names its outcome too: the create needs both. */
export const taskRef = (outcomeId: string, componentId: string) => `${encodeURIComponent(outcomeId)}/${encodeURIComponent(componentId)}`;

export function parseTaskRef(ref: string | null): { outcomeId: string | null; componentId: string | null } {
  const m = ref ? /^([^/]+)\/([^/]+)$/.exec(ref) : null;
  return m ? { outcomeId: decodeURIComponent(m[1]), componentId: decodeURIComponent(m[2]) } : { outcomeId: null, componentId: null };
}

export const taskName = (outcome: string, component: string) => `${outcome} › ${component}`;

/** Whole minutes between start and end, rounded to the nearest minute. */
export const durationMinutes = (startAt: Date, endAt: Date) => Math.max(0, Math.round((endAt.getTime() - startAt.getTime()) / 60_000));
export const unitsOf = (minutes: number) => Math.ceil(minutes / 6);

/** "stint:<workspace>:<entry id>": how Stint finds its own entries in a day's list after a crash. */
export const externalRef = (entry: SyncEntry) => `stint:${entry.workspaceId ?? 0}:${entry.id}`;

/** The entry's start in the person's zone: its local date and ISO time with offset. */
export function localStart(entry: SyncEntry): { date: string; startTime: string } {
  const local = DateTime.fromJSDate(entry.startAt, { zone: entry.timezone });
  return { date: local.toISODate()!, startTime: local.toISO({ suppressMilliseconds: true })! };
}

/**
 * The GST type: a tag naming one of the practice's GST types (by id or name, optionally "gst:" first)
 * overrides the matter's default; otherwise the matter's default_gst_type_id as of the last import.
 */
export function gstTypeOf(entry: SyncEntry, settings: Pick<AlpSettings, "gstTypes" | "matterGst">): string | null {
  for (const tag of entry.tags ?? []) {
    const wanted = tag.trim().replace(/^gst:\s*/i, "").toLowerCase();
    const type = settings.gstTypes.find((g) => g.id.toLowerCase() === wanted || g.name.toLowerCase() === wanted);
    if (type) return type.id;
  }
  return (entry.remoteProjectId && settings.matterGst[entry.remoteProjectId]) || null;
}

export function entryBody(entry: SyncEntry, settings: AlpSettings, userId: string): AlpEntryBody {
  if (!entry.endAt || !entry.remoteProjectId) throw new RangeError("Only a stopped entry on a matter becomes an ALP time entry.");
  const minutes = durationMinutes(entry.startAt, entry.endAt);
  const { date, startTime } = localStart(entry);
  const { outcomeId, componentId } = parseTaskRef(entry.remoteTaskId);
  return {
    matter_id: entry.remoteProjectId,
    outcome_id: outcomeId,
    component_id: componentId,
    user_id: userId,
    date,
    start_time: startTime,
    minutes,
    units: unitsOf(minutes),
    description: entry.description.trim(),
    gst_type_id: gstTypeOf(entry, settings),
    billable: entry.billable,
    external_ref: externalRef(entry),
  };
}

/** What the entry still needs before it can become an ALP time entry (shown as is on its badge). */
export function isComplete(entry: SyncEntry): Completeness {
  if (!entry.remoteProjectId) return { ok: false, reason: "Needs an ALP matter" };
  if (!entry.endAt) return { ok: false, reason: "Still running: sent when the timer stops" };
  if (!entry.description.trim()) return { ok: false, reason: "Needs a description" };
  if (entry.endAt.getTime() - entry.startAt.getTime() < 60_000) return { ok: false, reason: "Too short to send (under a minute)" };
  return { ok: true };
}
