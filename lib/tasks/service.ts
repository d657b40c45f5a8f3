import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { projects, tasks, timeEntries, type Task } from "@/db/schema";
import { offsetOf, type PageQuery } from "@/lib/api/pagination";
import { AppError, parseOrThrow } from "@/lib/errors";
import { createTaskSchema, updateTaskSchema, type CreateTaskInput, type UpdateTaskInput } from "./schema";

export type TaskWithProject = Task & { projectName: string };

const withProject = (db: Db) =>
  db.select({ task: tasks, projectName: projects.name }).from(tasks).innerJoin(projects, eq(projects.id, tasks.projectId));
const flatten = (r: { task: Task; projectName: string }): TaskWithProject => ({ ...r.task, projectName: r.projectName });

export async function listTasks(db: Db, userId: number, q: PageQuery & { project_id?: number; status?: Task["status"] }) {
  const where = and(eq(tasks.userId, userId), q.project_id ? eq(tasks.projectId, q.project_id) : undefined, q.status ? eq(tasks.status, q.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    withProject(db).where(where).orderBy(asc(sql`lower(${tasks.name})`), asc(tasks.id)).limit(q.per_page).offset(offsetOf(q)),
    db.select({ total: count() }).from(tasks).where(where),
  ]);
  return { items: rows.map(flatten), total };
}

export async function getTaskOrThrow(db: Db, userId: number, id: number): Promise<TaskWithProject> {
  const [row] = await withProject(db).where(and(eq(tasks.id, id), eq(tasks.userId, userId))).limit(1);
  if (!row) throw new AppError("not_found", "Task not found.");
  return flatten(row);
}

const numeric = (v: number | null | undefined) => (v == null ? v : String(v));

export async function createTask(db: Db, userId: number, input: CreateTaskInput): Promise<TaskWithProject> {
  const data = parseOrThrow(createTaskSchema, input);
  const [project] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.id, data.project_id), eq(projects.userId, userId))).limit(1);
  if (!project) throw AppError.validation({ project_id: ["No such project."] });
  const [row] = await db
    .insert(tasks)
    .values({
      userId,
      projectId: data.project_id,
      name: data.name,
      description: data.description ?? null,
      status: data.status ?? "todo",
      priority: data.priority ?? "medium",
      estimatedHours: numeric(data.estimated_hours) ?? null,
      dueDate: data.due_date ?? null,
    })
    .returning();
  return getTaskOrThrow(db, userId, row.id);
}

export async function updateTask(db: Db, userId: number, id: number, input: UpdateTaskInput): Promise<TaskWithProject> {
  const data = parseOrThrow(updateTaskSchema, input);
  await getTaskOrThrow(db, userId, id);
  const set: Partial<typeof tasks.$inferInsert> = {
    name: data.name,
    description: data.description,
    status: data.status,
    priority: data.priority,
    estimatedHours: numeric(data.estimated_hours),
    dueDate: data.due_date,
  };
  for (const key of Object.keys(set) as (keyof typeof set)[]) if (set[key] === undefined) delete set[key];
  if (Object.keys(set).length) await db.update(tasks).set({ ...set, updatedAt: new Date() }).where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  return getTaskOrThrow(db, userId, id);
}

/** Deleting a task keeps its time entries, on the same project without a task. */
export async function deleteTask(db: Db, userId: number, id: number): Promise<void> {
  await getTaskOrThrow(db, userId, id);
  await db.transaction(async (tx) => {
    await tx.update(timeEntries).set({ taskId: null, updatedAt: new Date() }).where(and(eq(timeEntries.userId, userId), eq(timeEntries.taskId, id)));
    await tx.delete(tasks).where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
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
