import { and, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { clients, projects, tasks, timeEntries, users } from "@/db/schema";

/** One query for entries with everything a list shows: names of project, client, task, user, and tags. */
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
 * Entries that overlap [from, to): a session across the boundary belongs to both periods. The bounds are
 * ISO text or placeholders for it (dates go into raw SQL as text: drizzle on postgres.js does not
 * serialise Date parameters there).
 */
export function overlapping(from: string | Placeholder | undefined, to: string | Placeholder | undefined, now: string | Placeholder): SQL | undefined {
  return and(
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
