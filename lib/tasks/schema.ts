import { z } from "zod";
import { id, money, optionalText, requiredName } from "@/lib/api/fields";
import { paginationQuery } from "@/lib/api/pagination";

export const TASK_STATUSES = ["todo", "in_progress", "review", "done", "cancelled"] as const;
export const TASK_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

export const createTaskSchema = z.object({
  name: requiredName("Name", 200),
  description: optionalText("Description", 2000),
  project_id: id("Choose a project."),
  status: z.enum(TASK_STATUSES, { error: `Status must be one of ${TASK_STATUSES.join(", ")}.` }).optional(),
  priority: z.enum(TASK_PRIORITIES, { error: `Priority must be one of ${TASK_PRIORITIES.join(", ")}.` }).optional(),
  estimated_hours: money("Estimated hours", 99_999_999),
  due_date: z
    .union([z.iso.date("Use a date like 2026-12-31."), z.null()])
    .optional(),
});
export const updateTaskSchema = createTaskSchema.omit({ project_id: true }).partial();
export const listTasksQuery = paginationQuery.extend({
  project_id: id().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});

export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
