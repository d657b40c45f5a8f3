import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { entrySeconds, type ApiEntry } from "@/lib/entries/serialize";
import { toHours } from "@/lib/time/format";
import { isoFromMs, msFromEpochSeconds } from "@/lib/time/iso";

export type SessionsRange = {
  workspaceId: number;
  userId: number;
  /** The range's bounds as SQL instants (local midnights from PostgreSQL's zone rules). */
  from: SQL;
  to: SQL;
  now: Date;
  limit: number;
  /** Which end of the range `limit` keeps: the newest sessions (the default) or the oldest (the Overview's first screen). */
  from_end?: "newest" | "oldest";
};

/** A session as the statement packs it (a JSON array, in this order). */
type SessionRow = [
  id: number,
  project_id: number | null,
  task_id: number | null,
  description: string,
  billable: boolean,
  source: string,
  start_time: number,
  end_time: number | null,
  created_at: number,
  updated_at: number,
  /** The entry's tag ids (its own copy, kept by migration 0021's trigger). */
  tag_ids: number[],
];

// An instant as seconds since 1970 (float8: microseconds exact at today's magnitudes), written here as
// Date#toISOString writes it, so the text is the one serializeEntry gives: PostgreSQL's to_char for the
// same text cost the database's thread a third of this statement (3.5 of 9.4 ms for a month of 1,610).
const epoch = (column: string) => sql.raw(`date_part('epoch', ${column})`);
const isoOf = (seconds: number) => isoFromMs(msFromEpochSeconds(seconds));

/**
 * One member's sessions overlapping [from, to), newest first (oldest first with from_end "oldest"), in the
 * API's entry shape (serializeEntry's, field for field). Read as the entries (one index range, both sides
 * bounded) plus their few projects, tasks and tags, joined here: selectEntries' one statement looks up names
 * and tags once per row, and on a month of 1,600 sessions costs about twice as much on PGlite.
 *
 * Only the columns the answer holds, its instants as numbers written as text here (lib/time/iso.ts): mapping
 * whole entry rows through Drizzle into Dates and back to text was most of this request's time on the
 * server's main thread (1,610 rows: ~55 ms of row mapping and ~35 ms of Date construction, which Next
 * wraps, per request; bench/profile-period.ts).
 */
export async function periodSessions(db: Db, r: SessionsRange): Promise<ApiEntry[]> {
  const range = sql`t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
    and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
    and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}`;
  const order = (a: string) => sql.raw(r.from_end === "oldest" ? `${a}.start_at, ${a}.id` : `${a}.start_at desc, ${a}.id desc`);
  // The rows as one JSON text value (an array of arrays, in SessionRow's column order), parsed here at once:
  // sent as 1,610 rows, the same month cost PGlite's thread 15 ms instead of 6 (PostgreSQL's per-row output).
  const [packed] = await queryRows<{ rows: string | null }>(
    db,
    sql`select json_agg(json_build_array(x.id, x.project_id, x.task_id, x.description, x.billable, x.source,
                                         ${epoch("x.start_at")}, ${epoch("x.end_at")}, ${epoch("x.created_at")}, ${epoch("x.updated_at")}, x.tag_ids)
                        order by ${order("x")})::text as rows
        from (select t.id, t.project_id, t.task_id, t.description, t.billable, t.source, t.start_at, t.end_at, t.created_at, t.updated_at, t.tag_ids
              from time_entries t where ${range}
              order by ${order("t")} limit ${r.limit}) x`,
  );
  const rows: SessionRow[] = packed?.rows ? JSON.parse(packed.rows) : [];
  if (rows.length === 0) return [];
  const projectIds = ids(rows.map(([, projectId]) => projectId));
  const taskIds = ids(rows.map(([, , taskId]) => taskId));
  const tagIds = [...new Set(rows.flatMap((row) => row[10]))];
  const [projectRows, taskRows, tagRows, [owner]] = await Promise.all([
    projectIds.length === 0
      ? []
      : queryRows<{ id: number; name: string; color: string | null; client_id: number | null; client_name: string | null }>(
          db,
          sql`select p.id, p.name, p.color, p.client_id, c.name as client_name from projects p left join clients c on c.id = p.client_id where p.id = any(${intArray(projectIds)})`,
        ),
    taskIds.length === 0 ? [] : queryRows<{ id: number; name: string }>(db, sql`select k.id, k.name from tasks k where k.id = any(${intArray(taskIds)})`),
    // The rows' tags from their own tag_ids and the few tags' names, in the order the entries API lists them
    // (lower(name), by the database's collation). Joining the tag links to the range again made the planner
    // (which cannot estimate the range's bounds) hash every tag link of the user's history, 30,000 at 100,000
    // entries: 4.8 ms of PGlite's thread, against ~0.2 ms for this and the ids in the sessions' statement.
    tagIds.length === 0
      ? []
      : queryRows<{ id: number; name: string }>(db, sql`select g.id, g.name from tags g where g.id = any(${intArray(tagIds)}) order by lower(g.name)`),
    queryRows<{ name: string }>(db, sql`select u.name from users u where u.id = ${r.userId}`),
  ]);
  const projectOf = new Map(projectRows.map((p) => [p.id, p]));
  const taskOf = new Map(taskRows.map((t) => [t.id, t.name]));
  // Each tag's place in that order (names are unique per workspace, ignoring case: no ties).
  const tagRank = new Map(tagRows.map((t, i) => [t.id, i]));
  const tagNames = tagRows.map((t) => t.name);
  const tagsOf = (tagIdsOfRow: number[]) =>
    tagIdsOfRow
      .map((id) => tagRank.get(id))
      .filter((rank) => rank !== undefined)
      .sort((a, b) => a - b)
      .map((rank) => tagNames[rank]);
  const nowMs = r.now.getTime();
  const userName = owner?.name ?? "";
  return rows.map(([id, project_id, task_id, description, billable, source, start_time, end_time, created_at, updated_at, tag_ids]) => {
    const p = project_id === null ? undefined : projectOf.get(project_id);
    const tags = tag_ids.length === 0 ? [] : tagsOf(tag_ids);
    const startMs = msFromEpochSeconds(start_time);
    const endMs = end_time === null ? null : msFromEpochSeconds(end_time);
    const seconds = entrySeconds(startMs, endMs, nowMs);
    return {
      id,
      user_id: r.userId,
      user: userName,
      project_id,
      project: p?.name ?? null,
      project_color: p?.color ?? null,
      client_id: p?.client_id ?? null,
      client: p?.client_name ?? null,
      task_id,
      task: task_id === null ? null : (taskOf.get(task_id) ?? null),
      start_time: isoFromMs(startMs),
      end_time: endMs === null ? null : isoFromMs(endMs),
      duration_seconds: seconds,
      duration_hours: toHours(seconds),
      notes: description,
      tags: tags.join(","),
      tag_list: tags,
      billable,
      is_active: end_time === null,
      source: source as ApiEntry["source"],
      created_at: isoOf(created_at),
      updated_at: isoOf(updated_at),
    };
  });
}

const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];
