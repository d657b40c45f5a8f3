import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { SESSION_COLUMNS, type SessionRows } from "./period-rows";

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

// An instant as seconds since 1970 (float8: microseconds exact at today's magnitudes), written as text by
// expandSessionRows as Date#toISOString writes it, so the text is the one serializeEntry gives: PostgreSQL's
// to_char for the same text cost the database's thread a third of this statement (3.5 of 9.4 ms for a month of 1,610).
const epoch = (column: string) => sql.raw(`date_part('epoch', ${column})`);

/** A period's sessions as the database writes them: each part JSON text (lib/reports/period-rows.ts's SessionRows). */
export type PackedSessions = { rows: string; projects: string; tasks: string; tags: string; user: string; capped: boolean };

/**
 * One member's sessions overlapping [from, to), newest first (oldest first with from_end "oldest"), as rows and
 * the names they refer to, each part one JSON text value: the entries (one index range, both sides bounded), then
 * their few projects, tasks and tags, each named once. selectEntries' one statement looks up names and tags
 * once per row and costs about twice as much on PGlite for a month of 1,600 sessions. `capped`: the range held
 * more than `limit` sessions (`rows` then holds `limit` of them).
 *
 * JSON text because PGlite's thread writes 1,610 rows' values one by one at more than twice the cost (15 ms
 * against 6 for a month); the Overview's answer passes it on as it is (shape=rows), and parseSessionRows reads
 * it. The names come in a second, small statement, by the ids the first one collects.
 */
export async function packedPeriodSessions(db: Db, r: SessionsRange): Promise<PackedSessions> {
  const range = sql`t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
    and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
    and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}`;
  const order = (a: string) => sql.raw(r.from_end === "oldest" ? `${a}.start_at, ${a}.id` : `${a}.start_at desc, ${a}.id desc`);
  const [found] = await queryRows<{ rows: string | null; project_ids: number[] | null; task_ids: number[] | null; tag_ids: string | null; n: number }>(
    db,
    sql`select json_agg(json_build_array(k.id, k.project_id, k.task_id, k.description, k.billable, k.source,
                                         ${epoch("k.start_at")}, ${epoch("k.end_at")}, ${epoch("k.created_at")}, ${epoch("k.updated_at")}, k.tag_ids)
                        order by ${order("k")})::text as rows,
               array_agg(distinct k.project_id) filter (where k.project_id is not null) as project_ids,
               array_agg(distinct k.task_id) filter (where k.task_id is not null) as task_ids,
               -- The rows' tag ids as text ("4,1,4,…"): an array of their arrays cannot hold arrays of different lengths.
               string_agg(nullif(array_to_string(k.tag_ids, ','), ''), ',') as tag_ids,
               count(*)::int as n
        from (select t.id, t.project_id, t.task_id, t.description, t.billable, t.source, t.start_at, t.end_at, t.created_at, t.updated_at, t.tag_ids
              from time_entries t where ${range}
              order by ${order("t")} limit ${r.limit + 1}) k`,
  );
  const tagIds = [...new Set((found.tag_ids ?? "").split(",").filter(Boolean).map(Number))];
  const [names] = await queryRows<Omit<PackedSessions, "rows" | "capped">>(
    db,
    sql`select
          coalesce((select json_agg(json_build_array(p.id, p.name, p.color, p.client_id, c.name))
                    from projects p left join clients c on c.id = p.client_id where p.id = any(${intArray(found.project_ids ?? [])})), '[]')::text as projects,
          coalesce((select json_agg(json_build_array(k.id, k.name)) from tasks k where k.id = any(${intArray(found.task_ids ?? [])})), '[]')::text as tasks,
          -- In the order the entries API lists an entry's tags: lower(name), by the database's collation.
          coalesce((select json_agg(json_build_array(g.id, g.name) order by lower(g.name)) from tags g where g.id = any(${intArray(tagIds)})), '[]')::text as tags,
          coalesce((select u.name from users u where u.id = ${r.userId}), '') as "user"`,
  );
  const capped = found.n > r.limit;
  // One row more than the limit says that there were more: left out (rare: over 5,000 sessions in a period).
  const rows = capped ? JSON.stringify((JSON.parse(found.rows!) as unknown[]).slice(0, r.limit)) : (found.rows ?? "[]");
  return { rows, ...names, capped };
}

/**
 * The packed parts as SessionRows, for expandSessionRows on the server. Only the columns the answer holds, its
 * instants as numbers: mapping whole entry rows through Drizzle into Dates and back to text was most of this
 * request's time on the server's main thread (1,610 rows: ~55 ms of row mapping and ~35 ms of Date
 * construction, which Next wraps, per request; bench/profile-period.ts).
 */
export function parseSessionRows(p: PackedSessions, userId: number): SessionRows {
  return { columns: SESSION_COLUMNS, rows: JSON.parse(p.rows), user_id: userId, user: p.user, projects: JSON.parse(p.projects), tasks: JSON.parse(p.tasks), tags: JSON.parse(p.tags) };
}

const COLUMNS_JSON = JSON.stringify(SESSION_COLUMNS);

/** The packed parts as the JSON text of SessionRows, without parsing them. */
export function sessionRowsJson(p: PackedSessions, userId: number): string {
  return `{"columns":${COLUMNS_JSON},"rows":${p.rows},"user_id":${userId},"user":${JSON.stringify(p.user)},"projects":${p.projects},"tasks":${p.tasks},"tags":${p.tags}}`;
}
