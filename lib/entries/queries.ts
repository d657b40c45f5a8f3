import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
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

/** Entries that overlap [from, to): a session across the boundary belongs to both periods. (Dates go into raw SQL as ISO text: drizzle on postgres.js does not serialise Date parameters there.) */
export function overlapping(from: Date | undefined, to: Date | undefined, now: Date): SQL | undefined {
  return and(
    to ? sql`${timeEntries.startAt} < ${to.toISOString()}::timestamptz` : undefined,
    from ? sql`coalesce(${timeEntries.endAt}, ${now.toISOString()}::timestamptz) > ${from.toISOString()}::timestamptz` : undefined,
  );
}

export async function findEntry(db: Db, userId: number, id: number): Promise<EntryRow | undefined> {
  const [row] = await selectEntries(db).where(and(eq(timeEntries.id, id), eq(timeEntries.userId, userId))).limit(1);
  return row;
}
