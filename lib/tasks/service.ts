import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { projects, tasks, timeEntries, type Task } from "@/db/schema";
import { offsetOf, type PageQuery } from "@/lib/api/pagination";
import { changeFeed, feedOrder, type FeedQuery } from "@/lib/changes/feed";
import { AppError, parseOrThrow } from "@/lib/errors";
import { visibleProjects, visibleTombstones } from "@/lib/projects/visibility";
import { emitEvent } from "@/lib/webhooks/emit";
import { assertCan, type Actor } from "@/lib/workspaces/policy";
import { createTaskSchema, updateTaskSchema, type CreateTaskInput, type UpdateTaskInput } from "./schema";

export type TaskWithProject = Task & { projectName: string };

// A task is seen with its project: the tasks of a private project only by those who see the project.
const withProject = (db: Db, actor: Actor) =>
  db
    .select({ task: tasks, projectName: projects.name })
    .from(tasks)
    .innerJoin(projects, and(eq(projects.id, tasks.projectId), eq(projects.workspaceId, tasks.workspaceId), visibleProjects(actor)));
const flatten = (r: { task: Task; projectName: string }): TaskWithProject => ({ ...r.task, projectName: r.projectName });

export async function listTasks(db: Db, actor: Actor, q: PageQuery & { project_id?: number; status?: Task["status"] }) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const where = and(eq(tasks.workspaceId, actor.workspaceId), q.project_id ? eq(tasks.projectId, q.project_id) : undefined, q.status ? eq(tasks.status, q.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    withProject(db, actor).where(where).orderBy(asc(sql`lower(${tasks.name})`), asc(tasks.id)).limit(q.per_page).offset(offsetOf(q)),
    db.select({ total: count() }).from(tasks).innerJoin(projects, and(eq(projects.id, tasks.projectId), visibleProjects(actor))).where(where),
  ]);
  return { items: rows.map(flatten), total };
}

export async function getTaskOrThrow(db: Db, actor: Actor, id: number): Promise<TaskWithProject> {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const [row] = await withProject(db, actor).where(and(eq(tasks.id, id), eq(tasks.workspaceId, actor.workspaceId))).limit(1);
  if (!row) throw new AppError("not_found", "Task not found.");
  return flatten(row);
}

const numeric = (v: number | null | undefined) => (v == null ? v : String(v));

export async function createTask(db: Db, actor: Actor, input: CreateTaskInput): Promise<TaskWithProject> {
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const data = parseOrThrow(createTaskSchema, input);
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, data.project_id), eq(projects.workspaceId, actor.workspaceId), visibleProjects(actor)))
    .limit(1);
  if (!project) throw AppError.validation({ project_id: ["No such project."] });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tasks)
      .values({
        workspaceId: actor.workspaceId,
        projectId: data.project_id,
        name: data.name,
        description: data.description ?? null,
        status: data.status ?? "todo",
        priority: data.priority ?? "medium",
        estimatedHours: numeric(data.estimated_hours) ?? null,
        dueDate: data.due_date ?? null,
      })
      .returning();
    const task = await getTaskOrThrow(tx, actor, row.id);
    await emitEvent(tx, actor.workspaceId, "task.created", serializeTask(task));
    return task;
  });
}

export async function updateTask(db: Db, actor: Actor, id: number, input: UpdateTaskInput): Promise<TaskWithProject> {
  const data = parseOrThrow(updateTaskSchema, input);
  const current = await getTaskOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const set: Partial<typeof tasks.$inferInsert> = {
    name: data.name,
    description: data.description,
    status: data.status,
    priority: data.priority,
    estimatedHours: numeric(data.estimated_hours),
    dueDate: data.due_date,
  };
  for (const key of Object.keys(set) as (keyof typeof set)[]) if (set[key] === undefined) delete set[key];
  if (!Object.keys(set).length) return current;
  return db.transaction(async (tx) => {
    await tx.update(tasks).set({ ...set, updatedAt: new Date() }).where(and(eq(tasks.id, id), eq(tasks.workspaceId, actor.workspaceId)));
    const task = await getTaskOrThrow(tx, actor, id);
    const completed = task.status === "done" && current.status !== "done";
    await emitEvent(tx, actor.workspaceId, completed ? "task.completed" : "task.updated", serializeTask(task));
    return task;
  });
}

/** Deleting a task keeps its time entries (every member's), on the same project without a task. */
export async function deleteTask(db: Db, actor: Actor, id: number): Promise<void> {
  await getTaskOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  await db.transaction(async (tx) => {
    await tx.update(timeEntries).set({ taskId: null, updatedAt: new Date() }).where(and(eq(timeEntries.workspaceId, actor.workspaceId), eq(timeEntries.taskId, id)));
    await tx.delete(tasks).where(and(eq(tasks.id, id), eq(tasks.workspaceId, actor.workspaceId)));
  });
}

export function serializeTask(t: TaskWithProject) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    project_id: t.projectId,
    project: t.projectName,
    status: t.status,
    priority: t.priority,
    estimated_hours: t.estimatedHours == null ? null : Number(t.estimatedHours),
    due_date: t.dueDate,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

/** The tasks feed (updated_since, then cursor): tasks of projects the actor may see that changed. */
export async function listTaskChanges(db: Db, actor: Actor, q: FeedQuery) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  return changeFeed(db, "tasks", q, {
    workspaceId: actor.workspaceId,
    audience: visibleTombstones(actor),
    rows: async (changed, limit) =>
      (await withProject(db, actor).where(and(eq(tasks.workspaceId, actor.workspaceId), changed(tasks))).orderBy(...feedOrder(tasks)).limit(limit)).map(flatten),
    position: (t) => t,
  });
}
