import { z } from "zod";
import { hexColor, id, idRef, money, numeric, optionalText, requiredName } from "@/lib/api/fields";
import { cursorPaginationQuery } from "@/lib/api/pagination";
import { feedQueryFields } from "@/lib/changes/schema";

export const PROJECT_STATUSES = ["active", "archived", "on_hold"] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES, { error: "Status must be active, archived or on_hold." });

export const createProjectSchema = z.object({
  name: requiredName("Name", 200),
  description: optionalText("Description", 2000),
  client_id: idRef.optional(),
  hourly_rate: money("Hourly rate"),
  estimated_hours: money("Estimated hours", 99_999_999),
  budget_amount: money("Budget", 999_999_999_999).describe("What the client agreed to pay for it, in the workspace's currency; null clears it"),
  /** Members' own rates on this project: the first of the rate precedence (replaces the list). */
  member_rates: z
    .array(z.object({ user_id: id(), hourly_rate: numeric(z.number({ error: "hourly_rate must be a number." }).min(0, "hourly_rate cannot be negative.").max(9_999_999_999, "hourly_rate: at most 9999999999.")) }), {
      error: "member_rates must be a list of {user_id, hourly_rate}.",
    })
    .max(500, "Use at most 500 member rates.")
    .refine((rates) => new Set(rates.map((r) => r.user_id)).size === rates.length, "member_rates: one rate per member.")
    .optional()
    .describe("Members' own hourly rates on this project (they win over every other rate); replaces the list"),
  status: projectStatusSchema.optional(),
  billable: z.boolean({ error: "billable must be true or false." }).optional(),
  color: hexColor.optional(),
  /** Private: only its members (member_ids), the workspace's owners and admins see it and book on it. */
  private: z.boolean({ error: "private must be true or false." }).optional(),
  /** Who may see and book on a private project: members of the workspace (replaces the list). */
  member_ids: z.array(id(), { error: "member_ids must be a list of user ids." }).max(500, "Use at most 500 members.").optional(),
});
export const updateProjectSchema = createProjectSchema.partial();

export const listProjectsQuery = cursorPaginationQuery.extend({
  ...feedQueryFields,
  status: z.union([projectStatusSchema, z.literal("all")]).optional(),
  client_id: id().optional(),
  /** Search by name: results are ranked by how well the name matches, best first. */
  query: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export type CreateProjectInput = z.input<typeof createProjectSchema>;
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;
export type ListProjectsQuery = z.output<typeof listProjectsQuery>;
