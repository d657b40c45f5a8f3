import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { SESSION_COLUMNS, type SessionRow, type SessionRows } from "./period-rows";

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

/** A period's sessions as rows (lib/reports/period-rows.ts's SessionRows) and the names they refer to, each names' part JSON text. */
export type PackedSessions = { rows: SessionRow[]; projects: string; tasks: string; tags: string; user: string; capped: boolean };

type SessionRecord = { id: number; project_id: number | null; task_id: number | null; notes: string; billable: boolean; source: string; s: number; e: number | null; c: number; u: number; tag_ids: number[] };

/**
 * One member's sessions overlapping [from, to), newest first (oldest first with from_end "oldest"), as rows and
 * the names they refer to: the entries (one index range, both sides bounded), then their few projects, tasks and
 * tags, each named once. selectEntries' one statement looks up names and tags once per row and costs about twice
 * as much on PGlite for a month of 1,600 sessions. `capped`: the range held more than `limit` sessions (`rows`
 * then holds `limit` of them).
 *
 * Plain rows, their arrays made here: on PGlite the database's thread is the one 10 connections queue on, and
 * writing a month's 1,610 rows as one JSON value cost it 6.4 ms against 3.7 for sending them, while reading them
 * here costs the server's thread 2.3 ms against 1.0 for parsing that value (bench/pglite-replies.ts).
 */
export async function packedPeriodSessions(db: Db, r: SessionsRange): Promise<PackedSessions> {
  const order = sql.raw(r.from_end === "oldest" ? "t.start_at, t.id" : "t.start_at desc, t.id desc");
  const found = await queryRows<SessionRecord>(
    db,
    sql`select t.id, t.project_id, t.task_id, t.description as notes, t.billable, t.source,
               ${epoch("t.start_at")} as s, ${epoch("t.end_at")} as e, ${epoch("t.created_at")} as c, ${epoch("t.updated_at")} as u, t.tag_ids
        from time_entries t
        where t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
          and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
          and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}
        order by ${order} limit ${r.limit + 1}`,
  );
  // One row more than the limit says that there were more: left out (rare: over 5,000 sessions in a period).
  const capped = found.length > r.limit;
  const rows: SessionRow[] = [];
  const projectIds = new Set<number>();
  const taskIds = new Set<number>();
  const tagIds = new Set<number>();
  for (const x of capped ? found.slice(0, r.limit) : found) {
    rows.push([x.id, x.project_id, x.task_id, x.notes, x.billable, x.source, x.s, x.e, x.c, x.u, x.tag_ids]);
    if (x.project_id !== null) projectIds.add(x.project_id);
    if (x.task_id !== null) taskIds.add(x.task_id);
    for (const tag of x.tag_ids) tagIds.add(tag);
  }
  const [names] = await queryRows<Omit<PackedSessions, "rows" | "capped">>(
    db,
    sql`select
          coalesce((select json_agg(json_build_array(p.id, p.name, p.color, p.client_id, c.name))
                    from projects p left join clients c on c.id = p.client_id where p.id = any(${intArray([...projectIds])})), '[]')::text as projects,
          coalesce((select json_agg(json_build_array(k.id, k.name)) from tasks k where k.id = any(${intArray([...taskIds])})), '[]')::text as tasks,
          -- In the order the entries API lists an entry's tags: lower(name), by the database's collation.
          coalesce((select json_agg(json_build_array(g.id, g.name) order by lower(g.name)) from tags g where g.id = any(${intArray([...tagIds])})), '[]')::text as tags,
          coalesce((select u.name from users u where u.id = ${r.userId}), '') as "user"`,
  );
  return { rows, ...names, capped };
}

/**
 * The packed parts as SessionRows, for expandSessionRows on the server. Only the columns the answer holds, its
 * instants as numbers: mapping whole entry rows through Drizzle into Dates and back to text was most of this
 * request's time on the server's main thread (1,610 rows: ~55 ms of row mapping and ~35 ms of Date
 * construction, which Next wraps, per request; bench/profile-period.ts).
 */
export function parseSessionRows(p: PackedSessions, userId: number): SessionRows {
  return { columns: SESSION_COLUMNS, rows: p.rows, user_id: userId, user: p.user, projects: JSON.parse(p.projects), tasks: JSON.parse(p.tasks), tags: JSON.parse(p.tags) };
}

const COLUMNS_JSON = JSON.stringify(SESSION_COLUMNS);

/** The packed parts as the JSON text of SessionRows: the names' parts as the database wrote them. */
export function sessionRowsJson(p: PackedSessions, userId: number): string {
  return `{"columns":${COLUMNS_JSON},"rows":${JSON.stringify(p.rows)},"user_id":${userId},"user":${JSON.stringify(p.user)},"projects":${p.projects},"tasks":${p.tasks},"tags":${p.tags}}`;
}
