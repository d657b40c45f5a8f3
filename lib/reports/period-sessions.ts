import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
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
 * the names they refer to, each part one JSON text value, in one statement: the entries (one index range, both
 * sides bounded) and their few projects, tasks and tags, each named once. selectEntries' one statement looks up
 * names and tags once per row and costs about twice as much on PGlite for a month of 1,600 sessions. `capped`:
 * the range held more than `limit` sessions (`rows` then holds `limit` of them).
 *
 * JSON text because PGlite's thread writes 1,610 rows' values one by one at more than twice the cost (15 ms
 * against 6 for a month); the Overview's answer passes it on as it is (shape=rows), and parseSessionRows reads it.
 */
export async function packedPeriodSessions(db: Db, r: SessionsRange): Promise<PackedSessions> {
  const range = sql`t.workspace_id = ${r.workspaceId} and t.user_id = ${r.userId}
    and t.start_at >= ${earliestOverlappingStart(r.userId, r.from)} and t.start_at < ${r.to}
    and coalesce(t.end_at, ${r.now.toISOString()}::timestamptz) > ${r.from}`;
  const order = (a: string) => sql.raw(r.from_end === "oldest" ? `${a}.start_at, ${a}.id` : `${a}.start_at desc, ${a}.id desc`);
  const [packed] = await queryRows<PackedSessions>(
    db,
    sql`with x as (
          select t.id, t.project_id, t.task_id, t.description, t.billable, t.source, t.start_at, t.end_at, t.created_at, t.updated_at, t.tag_ids
          from time_entries t where ${range}
          order by ${order("t")} limit ${r.limit + 1}
        ),
        kept as (select * from x order by ${order("x")} limit ${r.limit})
        select
          coalesce((select json_agg(json_build_array(k.id, k.project_id, k.task_id, k.description, k.billable, k.source,
                                                     ${epoch("k.start_at")}, ${epoch("k.end_at")}, ${epoch("k.created_at")}, ${epoch("k.updated_at")}, k.tag_ids)
                                    order by ${order("k")}) from kept k), '[]')::text as rows,
          coalesce((select json_agg(json_build_array(p.id, p.name, p.color, p.client_id, c.name))
                    from projects p left join clients c on c.id = p.client_id where p.id in (select kept.project_id from kept)), '[]')::text as projects,
          coalesce((select json_agg(json_build_array(k.id, k.name)) from tasks k where k.id in (select kept.task_id from kept)), '[]')::text as tasks,
          -- The tags by their ids on the rows themselves, in the order the entries API lists them (lower(name), by
          -- the database's collation). Joining the tag links to the range again made the planner (which cannot
          -- estimate the range's bounds) hash every tag link of the user's history: 4.8 ms of PGlite's thread at
          -- 100,000 entries.
          coalesce((select json_agg(json_build_array(g.id, g.name) order by lower(g.name))
                    from tags g where g.id in (select unnest(kept.tag_ids) from kept)), '[]')::text as tags,
          coalesce((select u.name from users u where u.id = ${r.userId}), '') as "user",
          (select count(*) from x) > ${r.limit} as capped`,
  );
  return packed;
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

/** The packed parts as the JSON text of SessionRows, without parsing them. */
export function sessionRowsJson(p: PackedSessions, userId: number): string {
  return `{"columns":${JSON.stringify(SESSION_COLUMNS)},"rows":${p.rows},"user_id":${userId},"user":${JSON.stringify(p.user)},"projects":${p.projects},"tasks":${p.tasks},"tags":${p.tags}}`;
}
