import { and, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { clients, projects, tasks, timeEntries, users } from "@/db/schema";

/** One query for entries with everything a list shows: names of project, client, task, user, and tags. */
/** start_at to the microsecond, as keyset cursors carry it (a Date keeps milliseconds only). */
export const START_MICROS = sql<string>`(extract(epoch from ${timeEntries.startAt}) * 1000000)::bigint::text`;

export function selectEntries(db: Db) {
  return db
    .select({
      entry: timeEntries,
      projectName: projects.name,
      projectColor: projects.color,
      clientId: projects.clientId,
      clientName: clients.name,
      taskName: tasks.name,
      userName: users.name,
      startMicros: START_MICROS,
      tags: sql<string[]>`coalesce((
        select array_agg(t.name order by lower(t.name))
        from time_entry_tags et join tags t on t.id = et.tag_id
        where et.entry_id = ${timeEntries.id}), '{}')`,
    })
    .from(timeEntries)
    .innerJoin(users, eq(users.id, timeEntries.userId))
    .leftJoin(projects, eq(projects.id, timeEntries.projectId))
    .leftJoin(clients, eq(clients.id, projects.clientId))
    .leftJoin(tasks, eq(tasks.id, timeEntries.taskId));
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>["execute"]>>[number];

/**
 * "`t` is the running entry of `userId`" (in workspace `workspaceId`, when given), in the form PostgreSQL answers
 * from time_entries_one_running_per_user, the partial index that holds one row per running timer.
 *
 * The workspace is compared as `workspace_id + 0`, which no index can use. With equalities on both leading
 * columns of time_entries_workspace_user_start_idx, which holds end_at too, PostgreSQL 18 (PGlite's) plans a skip
 * scan of that index for `end_at is null`, estimates it at one row and walks every entry of the user: 2.6 ms of
 * PGlite's one thread at 100,000 entries, in every summary, overview and timer start. (The older guard,
 * `description is not null`, is dropped as redundant on a NOT NULL column since PostgreSQL 17.) The timer rule
 * is per user across workspaces, so the user's one running entry is found first and its workspace checked on it.
 */
export function runningEntryOf(t: string, userId: number | Placeholder | SQL, workspaceId?: number | Placeholder | SQL): SQL {
  const a = sql.raw(t);
  return sql`${a}.user_id = ${userId} and ${a}.end_at is null${workspaceId === undefined ? sql`` : sql` and ${a}.workspace_id + 0 = ${workspaceId}`}`;
}

/**
 * The earliest start an entry overlapping a range that begins at `from` can have, so that a range query
 * reads the user's index between two bounds instead of every entry before the range's end. No entry is
 * longer than the user's maximum session length, at most 7 days (users_max_entry_range), with two
 * exceptions, looked up on their own small indexes: the running timer (a forgotten one may run longer), and
 * entries saved before that rule existed (time_entries_longer_than_7_days_idx; normally none). A setting
 * lowered later does not matter: the bound is the highest maximum anyone can choose.
 */
export function earliestOverlappingStart(userId: number | Placeholder | SQL, from: SQL): SQL {
  return sql`least(${from} - interval '7 days',
    (select r.start_at from time_entries r where ${runningEntryOf("r", userId)}),
    (select min(l.start_at) from time_entries l where l.user_id = ${userId} and l.end_at - l.start_at > interval '7 days' and l.end_at > ${from}))`;
}

/**
 * Entries of `owner` that overlap [from, to): a session across the boundary belongs to both periods. The
 * bounds are ISO text or placeholders for it (dates go into raw SQL as text: drizzle on postgres.js does
 * not serialise Date parameters there).
 */
export function overlapping(
  owner: number | Placeholder,
  from: string | Placeholder | undefined,
  to: string | Placeholder | undefined,
  now: string | Placeholder,
): SQL | undefined {
  return and(
    from ? sql`${timeEntries.startAt} >= ${earliestOverlappingStart(owner, sql`${from}::timestamptz`)}` : undefined,
    to ? sql`${timeEntries.startAt} < ${to}::timestamptz` : undefined,
    from ? sql`coalesce(${timeEntries.endAt}, ${now}::timestamptz) > ${from}::timestamptz` : undefined,
  );
}

/** An entry of the workspace, whoever tracked it (the caller checks who may see it). */
export async function findEntry(db: Db, workspaceId: number, id: number): Promise<EntryRow | undefined> {
  const byId = prepared(db, "entry_by_id", () =>
    selectEntries(db)
      .where(and(eq(timeEntries.id, sql.placeholder("id")), eq(timeEntries.workspaceId, sql.placeholder("workspace"))))
      .limit(1)
      .prepare("entry_by_id"),
  );
  const [row] = await byId.execute({ id, workspace: workspaceId });
  return row;
}
