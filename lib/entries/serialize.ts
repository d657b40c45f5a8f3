import { toHours } from "@/lib/time/format";
import type { EntryRow } from "./queries";

/** An entry's whole seconds from its instants in milliseconds; a running one (no end) up to `nowMs`. */
export function entrySeconds(startMs: number, endMs: number | null, nowMs: number): number {
  return Math.max(0, Math.round(((endMs ?? nowMs) - startMs) / 1000));
}

/** A time entry in the TimeTracker API's shape (plus project_color for Stint's own pages). */
export function serializeEntry(row: EntryRow, now: Date = new Date()) {
  const e = row.entry;
  const seconds = entrySeconds(e.startAt.getTime(), e.endAt?.getTime() ?? null, now.getTime());
  return {
    id: e.id,
    user_id: e.userId,
    user: row.userName,
    project_id: e.projectId,
    project: row.projectName,
    project_color: row.projectColor,
    client_id: row.clientId,
    client: row.clientName,
    task_id: e.taskId,
    task: row.taskName,
    start_time: e.startAt.toISOString(),
    end_time: e.endAt ? e.endAt.toISOString() : null,
    duration_seconds: seconds,
    duration_hours: toHours(seconds),
    notes: e.description,
    tags: row.tags.join(","),
    tag_list: row.tags,
    billable: e.billable,
    is_active: e.endAt === null,
    source: e.source,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export type ApiEntry = ReturnType<typeof serializeEntry>;
