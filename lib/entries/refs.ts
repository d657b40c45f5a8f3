import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/db";
import { projects, tasks, timeEntryTags } from "@/db/schema";
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

/**
 * Replaces an entry's tags by these names (creating the workspace's tags that do not exist yet). Only the
 * tags that really go or come are written: a tag change marks the entry's sync links pending (a trigger,
 * migration 0016), and the same tags sent again must not send the entry out again.
 */
export async function replaceTags(db: Db, actor: Actor, entryId: number, names: string[]): Promise<void> {
  const ids = await ensureTags(db, actor, names);
  const workspaceId = actor.workspaceId;
  const ofEntry = and(eq(timeEntryTags.entryId, entryId), eq(timeEntryTags.workspaceId, workspaceId));
  await db.delete(timeEntryTags).where(ids.length ? and(ofEntry, notInArray(timeEntryTags.tagId, ids)) : ofEntry);
  if (ids.length) await db.insert(timeEntryTags).values(ids.map((tagId) => ({ workspaceId, entryId, tagId }))).onConflictDoNothing();
}
