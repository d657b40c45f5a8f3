import { z } from "zod";
import { money, numeric, requiredName } from "@/lib/api/fields";
import { ROUNDING_MINUTES, ROUNDING_MODES, ROUNDING_SCOPES } from "@/lib/reports/builder/query-schema";
import { paginationQuery } from "@/lib/api/pagination";
import { currencySchema, emailSchema } from "@/lib/users/schema";
import { ROLES } from "./policy";

// One schema per input of workspaces, members and invitations: the API, the settings pages and the CLI
// parse with these.

export const roleSchema = z.enum(ROLES, { error: "Role must be owner, admin, manager or member." });

export const createWorkspaceSchema = z.object({
  name: requiredName("Name", 100),
  currency: currencySchema.optional().describe("ISO 4217 code in which billable amounts are shown, e.g. EUR (default: EUR)"),
});

export const updateWorkspaceSchema = z.object({
  name: requiredName("Name", 100).optional(),
  currency: currencySchema.optional().describe("ISO 4217 code, e.g. EUR (any case)"),
  default_hourly_rate: money("Default hourly rate").describe("The rate of billable time when neither the member nor the project has one; null clears it"),
  rounding: z.enum(ROUNDING_MODES, { error: "rounding must be none, up, down or nearest." }).optional().describe("How reports round durations unless a report says otherwise"),
  rounding_minutes: numeric(z.number({ error: "rounding_minutes must be 1, 5, 6, 10, 15, 30 or 60." }).refine((n) => (ROUNDING_MINUTES as readonly number[]).includes(n), "rounding_minutes must be 1, 5, 6, 10, 15, 30 or 60."))
    .optional()
    .describe("To how many minutes reports round (1, 5, 6, 10, 15, 30, 60)"),
  rounding_scope: z.enum(ROUNDING_SCOPES, { error: "rounding_scope must be entry or group." }).optional().describe("entry: each entry's time in a group is rounded; group: each group's total once"),
});

export const updateMemberSchema = z.object({
  role: roleSchema.optional(),
  hourly_rate: money("Hourly rate").describe("This member's billable rate in this workspace; null clears it"),
});

export const listMembersQuery = paginationQuery;

export const createInvitationSchema = z.object({
  email: emailSchema.describe("Who is invited: only an account with this address can accept"),
  role: roleSchema.default("member").describe("The role they get on joining (default member)"),
});

export const acceptInvitationSchema = z.object({
  token: z.string({ error: "Give the invitation's token (the last part of its link)." }).trim().min(1, "Give the invitation's token (the last part of its link).").max(200, "That is not an invitation token."),
});

export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceSchema>;
export type UpdateMemberInput = z.input<typeof updateMemberSchema>;
export type CreateInvitationInput = z.input<typeof createInvitationSchema>;
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;
