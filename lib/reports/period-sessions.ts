import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { entrySeconds, type ApiEntry } from "@/lib/entries/serialize";
import { toHours } from "@/lib/time/format";

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
  start_time: string,
  end_time: string | null,
  created_at: string,
  updated_at: string,
];

// An instant as Date#toISOString writes it (milliseconds, "Z"), written by PostgreSQL: to_char's MS
// truncates the microseconds as a Date does, so the text is the one serializeEntry would give.
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * One member's sessions overlapping [from, to), newest first (oldest first with from_end "oldest"), in the
 * API's entry shape (serializeEntry's, field for field). Read as the entries (one index range, both sides
 * bounded) plus their few projects, tasks and tags, joined here: selectEntries' one statement looks up names
 * and tags once per row, and on a month of 1,600 sessions costs about twice as much on PGlite.
 *
 * Only the columns the answer holds, its instants as text: mapping whole entry rows through Drizzle into
 * Dates and back to text was most of this request's time on the server's main thread (1,610 rows: ~55 ms
 * of row mapping and ~35 ms of Date construction, which Next wraps, per request; bench/profile-period.ts).
 */
export async function periodSessions(db: Db, r: SessionsRange): Promise<ApiEntry[]> {
  const range = sql`t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
    and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
    and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}`;
  const order = (a: string) => sql.raw(r.from_end === "oldest" ? `${a}.start_at, ${a}.id` : `${a}.start_at desc, ${a}.id desc`);
  // The rows as one JSON text value (an array of arrays, in SessionRow's column order), parsed here at once:
  // as rows, PGlite's thread converted each of the month's 16,000 fields on its own and copied 1,600
  // objects across to this one.
  const [packed] = await queryRows<{ rows: string | null }>(
    db,
    sql`select json_agg(json_build_array(x.id, x.project_id, x.task_id, x.description, x.billable, x.source,
                                         ${iso("x.start_at")}, ${iso("x.end_at")}, ${iso("x.created_at")}, ${iso("x.updated_at")})
                        order by ${order("x")})::text as rows
        from (select t.id, t.project_id, t.task_id, t.description, t.billable, t.source, t.start_at, t.end_at, t.created_at, t.updated_at
              from time_entries t where ${range}
              order by ${order("t")} limit ${r.limit}) x`,
  );
  const rows: SessionRow[] = packed?.rows ? JSON.parse(packed.rows) : [];
  if (rows.length === 0) return [];
  // Cut short by the limit (a first screen, a capped month): the tags of those rows only, not the range's.
  const tagged = rows.length === r.limit ? sql`t.id = any(${intArray(rows.map(([id]) => id))})` : range;
  const projectIds = ids(rows.map(([, projectId]) => projectId));
  const taskIds = ids(rows.map(([, , taskId]) => taskId));
  const [projectRows, taskRows, tagRows, [owner]] = await Promise.all([
    projectIds.length === 0
      ? []
      : queryRows<{ id: number; name: string; color: string | null; client_id: number | null; client_name: string | null }>(
          db,
          sql`select p.id, p.name, p.color, p.client_id, c.name as client_name from projects p left join clients c on c.id = p.client_id where p.id = any(${intArray(projectIds)})`,
        ),
    taskIds.length === 0 ? [] : queryRows<{ id: number; name: string }>(db, sql`select k.id, k.name from tasks k where k.id = any(${intArray(taskIds)})`),
    // The rows' tags: the same range again (bounded like the entries, whatever the count) or, for rows cut
    // short, their ids; packed as the rows are, [entry id, tag name] pairs in the tags' order.
    queryRows<{ pairs: string | null }>(
      db,
      sql`select json_agg(json_build_array(et.entry_id, g.name) order by lower(g.name))::text as pairs
          from time_entries t join time_entry_tags et on et.entry_id = t.id join tags g on g.id = et.tag_id
          where ${tagged}`,
    ).then(([packedTags]) => (packedTags?.pairs ? (JSON.parse(packedTags.pairs) as [number, string][]) : [])),
    queryRows<{ name: string }>(db, sql`select u.name from users u where u.id = ${r.userId}`),
  ]);
  const projectOf = new Map(projectRows.map((p) => [p.id, p]));
  const taskOf = new Map(taskRows.map((t) => [t.id, t.name]));
  const tagsOf = new Map<number, string[]>();
  for (const [entryId, name] of tagRows) {
    const list = tagsOf.get(entryId);
    if (list) list.push(name);
    else tagsOf.set(entryId, [name]);
  }
  const nowMs = r.now.getTime();
  const userName = owner?.name ?? "";
  return rows.map(([id, project_id, task_id, description, billable, source, start_time, end_time, created_at, updated_at]) => {
    const p = project_id === null ? undefined : projectOf.get(project_id);
    const tags = tagsOf.get(id) ?? [];
    const seconds = entrySeconds(Date.parse(start_time), end_time === null ? null : Date.parse(end_time), nowMs);
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
      start_time,
      end_time,
      duration_seconds: seconds,
      duration_hours: toHours(seconds),
      notes: description,
      tags: tags.join(","),
      tag_list: tags,
      billable,
      is_active: end_time === null,
      source: source as ApiEntry["source"],
      created_at,
      updated_at,
    };
  });
}

const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];
