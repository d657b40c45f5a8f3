import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, projects, tags, tasks, timeEntries, timeEntryTags, users } from "@/db/schema";
import { earliestOverlappingStart, START_MICROS, type EntryRow } from "@/lib/entries/queries";

export type SessionsRange = {
  workspaceId: number;
  userId: number;
  /** The range's bounds as SQL instants (local midnights from PostgreSQL's zone rules). */
  from: SQL;
  to: SQL;
  now: Date;
  limit: number;
};

const ids = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];

/**
 * One member's sessions overlapping [from, to), newest first, with the names a list shows, in the shape
 * serializeEntry takes. Read as the entries (one index range, both sides bounded) plus their few projects,
 * tasks and tags, joined here: selectEntries' one statement looks up names and tags once per row, and on
 * a month of 1,600 sessions costs about twice as much on PGlite.
 */
export async function sessionsBetween(db: Db, r: SessionsRange): Promise<EntryRow[]> {
  const range = and(
    eq(timeEntries.workspaceId, r.workspaceId),
    eq(timeEntries.userId, r.userId),
    sql`${timeEntries.startAt} >= ${earliestOverlappingStart(r.userId, r.from)}`,
    sql`${timeEntries.startAt} < ${r.to}`,
    sql`coalesce(${timeEntries.endAt}, ${r.now.toISOString()}::timestamptz) > ${r.from}`,
  );
  const rows = await db
    .select({ entry: timeEntries, startMicros: START_MICROS })
    .from(timeEntries)
    .where(range)
    .orderBy(desc(timeEntries.startAt), desc(timeEntries.id))
    .limit(r.limit);
  if (rows.length === 0) return [];
  const entries = rows.map((row) => row.entry);
  const microsOf = new Map(rows.map((row) => [row.entry.id, row.startMicros]));
  const projectIds = ids(entries.map((e) => e.projectId));
  const taskIds = ids(entries.map((e) => e.taskId));
  const [projectRows, taskRows, tagRows, [owner]] = await Promise.all([
    projectIds.length === 0
      ? []
      : db
          .select({ id: projects.id, name: projects.name, color: projects.color, clientId: projects.clientId, clientName: clients.name })
          .from(projects)
          .leftJoin(clients, eq(clients.id, projects.clientId))
          .where(inArray(projects.id, projectIds)),
    taskIds.length === 0 ? [] : db.select({ id: tasks.id, name: tasks.name }).from(tasks).where(inArray(tasks.id, taskIds)),
    // The same range again, joined to the tags: bounded like the entries, whatever the count.
    db
      .select({ entryId: timeEntryTags.entryId, name: tags.name })
      .from(timeEntries)
      .innerJoin(timeEntryTags, eq(timeEntryTags.entryId, timeEntries.id))
      .innerJoin(tags, eq(tags.id, timeEntryTags.tagId))
      .where(range)
      .orderBy(sql`lower(${tags.name})`),
    db.select({ name: users.name }).from(users).where(eq(users.id, r.userId)),
  ]);
  const projectOf = new Map(projectRows.map((p) => [p.id, p]));
  const taskOf = new Map(taskRows.map((t) => [t.id, t.name]));
  const tagsOf = new Map<number, string[]>();
  for (const t of tagRows) tagsOf.set(t.entryId, [...(tagsOf.get(t.entryId) ?? []), t.name]);
  return entries.map((entry) => {
    const p = entry.projectId === null ? undefined : projectOf.get(entry.projectId);
    return {
      entry,
      startMicros: microsOf.get(entry.id) ?? "",
      projectName: p?.name ?? null,
      projectColor: p?.color ?? null,
      clientId: p?.clientId ?? null,
      clientName: p?.clientName ?? null,
      taskName: entry.taskId === null ? null : (taskOf.get(entry.taskId) ?? null),
      userName: owner?.name ?? "",
      tags: tagsOf.get(entry.id) ?? [],
    };
  });
}
