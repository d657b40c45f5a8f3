import { z } from "zod";
import { id, money, optionalText, requiredName } from "@/lib/api/fields";
import { cursorPaginationQuery } from "@/lib/api/pagination";
import { feedQueryFields } from "@/lib/changes/schema";

export const TASK_STATUSES = ["todo", "in_progress", "review", "done", "cancelled"] as const;
export const TASK_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

const PRIORITY_ERROR = `Priority must be one of ${TASK_PRIORITIES.join(", ")}, or 1 to 4 (1 = low, 4 = urgent).`;

/** A priority by name, or as the documented TimeTracker API sends it: 1 (low) to 4 (urgent). */
const prioritySchema = z
  .union([z.enum(TASK_PRIORITIES), z.int().min(1).max(4).transform((n) => TASK_PRIORITIES[n - 1])], { error: PRIORITY_ERROR })
  .describe("low, medium, high or urgent; or the TimeTracker API's integers 1 (low), 2 (medium), 3 (high), 4 (urgent)");

export const createTaskSchema = z.object({
  name: requiredName("Name", 200),
  description: optionalText("Description", 2000),
  project_id: id("Choose a project."),
  status: z.enum(TASK_STATUSES, { error: `Status must be one of ${TASK_STATUSES.join(", ")}.` }).optional(),
  priority: prioritySchema.optional(),
  estimated_hours: money("Estimated hours", 99_999_999),
  due_date: z
    .union([z.iso.date("Use a date like 2026-12-31."), z.null()])
    .optional(),
});
export const updateTaskSchema = createTaskSchema.omit({ project_id: true }).partial();
export const listTasksQuery = cursorPaginationQuery.extend({
  ...feedQueryFields,
  project_id: id().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});

export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;
