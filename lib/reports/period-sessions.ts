import { sql, type SQL } from "drizzle-orm";
import { isEmbedded, type Db } from "@/db";
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

/**
 * A period's sessions as rows (lib/reports/period-rows.ts's SessionRows), or as the JSON text of those rows, and
 * the names they refer to, each names' part JSON text.
 */
export type PackedSessions = { rows: SessionRow[] | string; projects: string; tasks: string; tags: string; user: string; capped: boolean };

export type Found = { rows: SessionRow[] | string; projectIds: number[]; taskIds: number[]; tagIds: number[]; capped: boolean };

/**
 * One member's sessions overlapping [from, to), newest first (oldest first with from_end "oldest"), as rows and
 * the names they refer to: the entries (one index range, both sides bounded), then their few projects, tasks and
 * tags, each named once. selectEntries' one statement looks up names and tags once per row and costs about twice
 * as much on PGlite for a month of 1,600 sessions. `capped`: the range held more than `limit` sessions (`rows`
 * then holds `limit` of them).
 *
 * The rows come as each database sends them at the least cost to the thread that is scarce there. PGlite's
 * one thread is what 10 connections queue on: writing a month's 1,610 rows as one JSON value cost it 6.4 ms
 * against 3.7 for sending them, and reading them here costs the server's thread 2.3 ms against 1.0 for parsing
 * that value (bench/pglite-replies.ts), so PGlite sends plain rows. PostgreSQL writes the JSON in its own
 * process, on another core, and the server's thread only passes the text on: reading the rows through
 * postgres.js cost that thread ~7 ms a month against ~1.5 for the text.
 */
export async function packedPeriodSessions(db: Db, r: SessionsRange): Promise<PackedSessions> {
  const found = isEmbedded(db) ? await plainRows(db, r) : await rowsAsJson(db, r);
  const [names] = await queryRows<Omit<PackedSessions, "rows" | "capped">>(
    db,
    sql`select
          coalesce((select json_agg(json_build_array(p.id, p.name, p.color, p.client_id, c.name))
                    from projects p left join clients c on c.id = p.client_id where p.id = any(${intArray(found.projectIds)})), '[]')::text as projects,
          coalesce((select json_agg(json_build_array(k.id, k.name)) from tasks k where k.id = any(${intArray(found.taskIds)})), '[]')::text as tasks,
          -- In the order the entries API lists an entry's tags: lower(name), by the database's collation.
          coalesce((select json_agg(json_build_array(g.id, g.name) order by lower(g.name)) from tags g where g.id = any(${intArray(found.tagIds)})), '[]')::text as tags,
          coalesce((select u.name from users u where u.id = ${r.userId}), '') as "user"`,
  );
  return { rows: found.rows, ...names, capped: found.capped };
}

/** The entries of the range, in SESSION_COLUMNS' order, `limit` + 1 of them at most: one more says there were more. */
function sessionsSql(r: SessionsRange): SQL {
  return sql`select t.id, t.project_id, t.task_id, t.description as notes, t.billable, t.source,
                    ${epoch("t.start_at")} as s, ${epoch("t.end_at")} as e, ${epoch("t.created_at")} as c, ${epoch("t.updated_at")} as u, t.tag_ids
             from time_entries t
             where t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
               and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
               and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}
             order by ${order(r, "t.start_at", "t.id")} limit ${r.limit + 1}`;
}

const order = (r: SessionsRange, start: string, id: string) => sql.raw(r.from_end === "oldest" ? `${start}, ${id}` : `${start} desc, ${id} desc`);

type SessionRecord = { id: number; project_id: number | null; task_id: number | null; notes: string; billable: boolean; source: string; s: number; e: number | null; c: number; u: number; tag_ids: number[] };

/** The embedded database's form: plain rows, their arrays and ids made here. */
export async function plainRows(db: Db, r: SessionsRange): Promise<Found> {
  const found = await queryRows<SessionRecord>(db, sessionsSql(r));
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
  return { rows, projectIds: [...projectIds], taskIds: [...taskIds], tagIds: [...tagIds], capped };
}

/** PostgreSQL's form: the rows as one JSON text value, and the ids they name, from the database. */
export async function rowsAsJson(db: Db, r: SessionsRange): Promise<Found> {
  const [found] = await queryRows<{ rows: string | null; project_ids: number[] | null; task_ids: number[] | null; tag_ids: string | null; n: number }>(
    db,
    sql`select json_agg(json_build_array(k.id, k.project_id, k.task_id, k.notes, k.billable, k.source, k.s, k.e, k.c, k.u, k.tag_ids) order by ${order(r, "k.s", "k.id")})::text as rows,
               array_agg(distinct k.project_id) filter (where k.project_id is not null) as project_ids,
               array_agg(distinct k.task_id) filter (where k.task_id is not null) as task_ids,
               -- The rows' tag ids as text ("4,1,4,…"): an array of their arrays cannot hold arrays of different lengths.
               string_agg(nullif(array_to_string(k.tag_ids, ','), ''), ',') as tag_ids,
               count(*)::int as n
        from (${sessionsSql(r)}) k`,
  );
  const capped = found.n > r.limit;
  // Rare (over 5,000 sessions in a period): the one row too many left out. The ids may name one thing more.
  const rows = capped ? JSON.stringify((JSON.parse(found.rows!) as unknown[]).slice(0, r.limit)) : (found.rows ?? "[]");
  const tagIds = [...new Set((found.tag_ids ?? "").split(",").filter(Boolean).map(Number))];
  return { rows, projectIds: found.project_ids ?? [], taskIds: found.task_ids ?? [], tagIds, capped };
}

/**
 * The packed parts as SessionRows, for expandSessionRows on the server. Only the columns the answer holds, its
 * instants as numbers: mapping whole entry rows through Drizzle into Dates and back to text was most of this
 * request's time on the server's main thread (1,610 rows: ~55 ms of row mapping and ~35 ms of Date
 * construction, which Next wraps, per request; bench/profile-period.ts).
 */
export function parseSessionRows(p: PackedSessions, userId: number): SessionRows {
  return { columns: SESSION_COLUMNS, rows: typeof p.rows === "string" ? JSON.parse(p.rows) : p.rows, user_id: userId, user: p.user, projects: JSON.parse(p.projects), tasks: JSON.parse(p.tasks), tags: JSON.parse(p.tags) };
}

const COLUMNS_JSON = JSON.stringify(SESSION_COLUMNS);

/** The packed parts as the JSON text of SessionRows: the names' parts as the database wrote them. */
export function sessionRowsJson(p: PackedSessions, userId: number): string {
  return `{"columns":${COLUMNS_JSON},"rows":${typeof p.rows === "string" ? p.rows : JSON.stringify(p.rows)},"user_id":${userId},"user":${JSON.stringify(p.user)},"projects":${p.projects},"tasks":${p.tasks},"tags":${p.tags}}`;
}
