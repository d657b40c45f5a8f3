import { z } from "zod";
import { money, optionalText, requiredName } from "@/lib/api/fields";
import { paginationQuery } from "@/lib/api/pagination";

export const TASK_STATUSES = ["todo", "in_progress", "review", "done", "cancelled"] as const;
export const TASK_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

export const createTaskSchema = z.object({
  name: requiredName("Name", 200),
  description: optionalText("Description", 2000),
  project_id: z.coerce.number({ error: "Choose a project." }).int().positive("Choose a project."),
  status: z.enum(TASK_STATUSES, { error: `Status must be one of ${TASK_STATUSES.join(", ")}.` }).optional(),
  priority: z.enum(TASK_PRIORITIES, { error: `Priority must be one of ${TASK_PRIORITIES.join(", ")}.` }).optional(),
  estimated_hours: money("Estimated hours"),
  due_date: z
    .union([z.iso.date("Use a date like 2026-12-31."), z.null()])
    .optional(),
});
export const updateTaskSchema = createTaskSchema.omit({ project_id: true }).partial();
export const listTasksQuery = paginationQuery.extend({
  project_id: z.coerce.number().int().positive().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});

export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
