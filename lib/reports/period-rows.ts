import { entrySeconds, type ApiEntry } from "@/lib/entries/serialize";
import { toHours } from "@/lib/time/format";
import { isoFromMs, msFromEpochSeconds } from "@/lib/time/iso";

// A period's sessions as rows (GET /reports/period?shape=rows): each session one array of its own columns, the
// names of its projects, tasks, tags and owner once, written by the server with no object per session
// (lib/reports/period-sessions.ts); expandSessionRows makes the entries API's objects of them, on the server
// for the default shape and in the browser for the Overview. Client-safe: no database code here.

/** One session, in SESSION_COLUMNS' order. Instants are seconds since 1970 (to the microsecond). */
export type SessionRow = [
  id: number,
  project_id: number | null,
  task_id: number | null,
  notes: string,
  billable: boolean,
  source: string,
  start: number,
  end: number | null,
  created_at: number,
  updated_at: number,
  /** The entry's tag ids (its own copy, kept by migration 0021's trigger). */
  tag_ids: number[],
];

export const SESSION_COLUMNS = ["id", "project_id", "task_id", "notes", "billable", "source", "start", "end", "created_at", "updated_at", "tag_ids"] as const;

export type SessionRows = {
  /** The names of each row's fields, in order (SESSION_COLUMNS). */
  columns: readonly string[];
  /** The period's sessions (at most PERIOD_SESSIONS_CAP), newest first. */
  rows: SessionRow[];
  /** Whose sessions. */
  user_id: number;
  user: string;
  /** [id, name, color, client_id, client] of each project the rows name. */
  projects: [number, string, string | null, number | null, string | null][];
  /** [id, name] of each task the rows name. */
  tasks: [number, string][];
  /** [id, name] of each tag the rows name, in the order an entry lists its tags (by lower-case name). */
  tags: [number, string][];
};

/** The sessions as the entries API serializes them (serializeEntry's shape, field for field); a running one counts up to `nowMs`. */
export function expandSessionRows(s: SessionRows, nowMs: number): ApiEntry[] {
  const projectOf = new Map(s.projects.map((p) => [p[0], p]));
  const taskOf = new Map(s.tasks);
  // Each tag's place in the listing order (names are unique per workspace, ignoring case: no ties).
  const tagRank = new Map(s.tags.map(([id], i) => [id, i]));
  const tagsOf = (ids: number[]) =>
    ids
      .map((id) => tagRank.get(id))
      .filter((rank) => rank !== undefined)
      .sort((a, b) => a - b)
      .map((rank) => s.tags[rank][1]);
  return s.rows.map(([id, project_id, task_id, notes, billable, source, start, end, created_at, updated_at, tag_ids]) => {
    const p = project_id === null ? undefined : projectOf.get(project_id);
    const tags = tag_ids.length === 0 ? [] : tagsOf(tag_ids);
    const startMs = msFromEpochSeconds(start);
    const endMs = end === null ? null : msFromEpochSeconds(end);
    const seconds = entrySeconds(startMs, endMs, nowMs);
    return {
      id,
      user_id: s.user_id,
      user: s.user,
      project_id,
      project: p?.[1] ?? null,
      project_color: p?.[2] ?? null,
      client_id: p?.[3] ?? null,
      client: p?.[4] ?? null,
      task_id,
      task: task_id === null ? null : (taskOf.get(task_id) ?? null),
      start_time: isoFromMs(startMs),
      end_time: endMs === null ? null : isoFromMs(endMs),
      duration_seconds: seconds,
      duration_hours: toHours(seconds),
      notes,
      tags: tags.join(","),
      tag_list: tags,
      billable,
      is_active: end === null,
      source: source as ApiEntry["source"],
      created_at: isoFromMs(msFromEpochSeconds(created_at)),
      updated_at: isoFromMs(msFromEpochSeconds(updated_at)),
    };
  });
}
