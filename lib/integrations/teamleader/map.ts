import { DateTime } from "luxon";
import type { Completeness, SyncEntry } from "../types";
import type { TeamleaderSettings } from "./settings";

// A Stint entry as a Teamleader time entry (contract §5): started_at with an explicit offset, duration in
// whole seconds. Teamleader splits an entry that crosses midnight into one per day, which would leave one
// Stint entry behind several remote ones: such an entry waits until it is split here.

export type Subject = { type: string; id: string };

/** 2026-06-10T23:30:00+02:00: the instant in `zone`, offset written out. */
export const isoInZone = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");

export const durationSeconds = (startAt: Date, endAt: Date) => Math.round((endAt.getTime() - startAt.getTime()) / 1000);

/** Does [start, end) cross a midnight in `zone`? An entry ending exactly at midnight does not. */
export function crossesMidnight(startAt: Date, endAt: Date, zone: string): boolean {
  const start = DateTime.fromJSDate(startAt, { zone });
  return DateTime.fromJSDate(endAt, { zone }) > start.startOf("day").plus({ days: 1 });
}

export const MIDNIGHT_REASON = "Crosses midnight: Teamleader splits such entries, so split it into one entry per day";

/** The Teamleader user an entry is booked as: the connecting user for the connection's own member; for
 *  another member, the Teamleader user the last import matched to them by email (none: null). */
export function teamleaderUserOf(entry: SyncEntry, settings: Pick<TeamleaderSettings, "userId">): string | null {
  if (entry.byConnectionMember !== false) return settings.userId;
  return entry.remoteUserId ?? null;
}

export const noUserReason = (email: string | undefined) =>
  `No Teamleader user has the email ${email ?? "of this entry's member"}: a Teamleader administrator adds one (or the member's email here is changed), then the next import sends it`;

/** What the entry still lacks before it can become a Teamleader time entry (days in the entry's own zone;
 *  the push checks again in the Teamleader user's zone). */
export function isComplete(entry: SyncEntry, settings?: Pick<TeamleaderSettings, "userId">): Completeness {
  if (settings && !teamleaderUserOf(entry, settings)) return { ok: false, reason: noUserReason(entry.userEmail) };
  if (!entry.remoteProjectId) return { ok: false, reason: "Needs a Teamleader project" };
  if (!entry.endAt) return { ok: false, reason: "Still running" };
  if (durationSeconds(entry.startAt, entry.endAt) < 1) return { ok: false, reason: "Too short to send (under a second)" };
  if (crossesMidnight(entry.startAt, entry.endAt, entry.timezone)) return { ok: false, reason: MIDNIGHT_REASON };
  return { ok: true };
}

/** A task's remote id names its subject type: "nextgenTask:<uuid>" (projects-v2) or "milestone:<uuid>" (legacy). */
export function taskSubject(remoteTaskId: string | null): Subject | null {
  const m = remoteTaskId ? /^(nextgenTask|milestone|todo):(.+)$/.exec(remoteTaskId) : null;
  return m ? { type: m[1], id: m[2] } : null;
}
