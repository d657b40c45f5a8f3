import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { projects, tasks } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { visibleProjects } from "@/lib/projects/visibility";
import { ensureTags } from "@/lib/tags/service";
import type { Actor } from "@/lib/workspaces/policy";

export type ResolvedRefs = { projectId: number | null; taskId: number | null; projectBillable: boolean | null };

/**
 * Checks the project and task a caller sent against the workspace's projects the actor sees (anything else,
 * another workspace's or a private project they are not on, is "no such"), and keeps them consistent: a
 * task implies its project; moving an entry to another project drops a task of the old one.
 */
export async function resolveRefs(
  db: Db,
  actor: Actor,
  sent: { project_id?: number | null; task_id?: number | null },
  current: { projectId: number | null; taskId: number | null } = { projectId: null, taskId: null },
): Promise<ResolvedRefs> {
  let projectId = sent.project_id === undefined ? current.projectId : sent.project_id;
  let taskId = sent.task_id === undefined ? current.taskId : sent.task_id;

  if (sent.task_id != null) {
    const [task] = await db
      .select({ projectId: tasks.projectId })
      .from(tasks)
      .innerJoin(projects, and(eq(projects.id, tasks.projectId), visibleProjects(actor)))
      .where(and(eq(tasks.id, sent.task_id), eq(tasks.workspaceId, actor.workspaceId)))
      .limit(1);
    if (!task) throw AppError.validation({ task_id: ["No such task."] });
    if (sent.project_id != null && sent.project_id !== task.projectId) throw AppError.validation({ task_id: ["This task belongs to another project."] });
    projectId = task.projectId;
  } else if (sent.project_id !== undefined && sent.task_id === undefined && taskId != null && sent.project_id !== current.projectId) {
    taskId = null;
  }
  if (projectId == null) taskId = null;

  let projectBillable: boolean | null = null;
  if (projectId != null) {
    // A private project the actor has left still holds their older entries: only a newly chosen one must be visible.
    const chosen = projectId !== current.projectId;
    const [project] = await db
      .select({ billable: projects.billable })
      .from(projects)
      .where(and(eq(projects.id, projectId), eq(projects.workspaceId, actor.workspaceId), chosen ? visibleProjects(actor) : undefined))
      .limit(1);
    if (!project) throw AppError.validation({ project_id: ["No such project."] });
    projectBillable = project.billable;
  }
  return { projectId, taskId, projectBillable };
}

/** The ids of the workspace's tags of these names (creating those that do not exist yet), sorted: an entry's tag_ids. */
export async function tagIdsOf(db: Db, actor: Actor, names: string[]): Promise<number[]> {
  return (await ensureTags(db, actor, names)).sort((a, b) => a - b);
}

/**
 * Replaces an entry's tags by these (tagIdsOf). Only the tags that really go or come are written: a tag change
 * marks the entry's sync links pending (a trigger, migration 0016), and the same tags sent again must not
 * send the entry out again.
 *
 * The caller writes the same ids into time_entries.tag_ids in the entry's own INSERT or UPDATE, and the tags
 * that go and come are one statement: the triggers of migration 0021 that keep tag_ids from time_entry_tags
 * run after the whole statement, find tag_ids exact, and write the entry row no more. (As a DELETE then an
 * INSERT, each trigger saw a half-done set and rewrote the row: three versions of it per tag edit.) The
 * triggers still keep tag_ids: were the caller's ids not the rows', they would write the rows' ones.
 * (PostgreSQL runs a data-modifying WITH to the end whether or not the query reads it.)
 */
export async function replaceTags(db: Db, actor: Actor, entryId: number, tagIds: number[]): Promise<void> {
  const ids = sql.param(tagIds);
  await db.execute(sql`
    with gone as (
      delete from time_entry_tags
       where entry_id = ${entryId} and workspace_id = ${actor.workspaceId} and tag_id <> all(${ids}::integer[]))
    insert into time_entry_tags (workspace_id, entry_id, tag_id)
    select ${actor.workspaceId}, ${entryId}, tag_id from unnest(${ids}::integer[]) as tag_id
    on conflict do nothing`);
}
