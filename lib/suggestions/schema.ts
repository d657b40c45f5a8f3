import { z } from "zod";
import { flag, id, idRef } from "@/lib/api/fields";
import { paginationQuery } from "@/lib/api/pagination";
import { dateTimeText, notes } from "@/lib/entries/schema";
import { tagListInput } from "@/lib/tags/schema";
import { isValidLocalDate } from "@/lib/time/calendar";
import { DEFAULT_RULES } from "./defaults";

// One schema per input, shared by the API, the CLI and (later) the review inbox and the rules form.

const localDateText = (field: string) => z.string().trim().refine(isValidLocalDate, `${field}: use a date like 2026-11-20.`);

export const SUGGESTION_STATUSES = ["pending", "accepted", "ignored"] as const;

export const listSuggestionsQuery = paginationQuery.extend({
  status: z.enum(SUGGESTION_STATUSES, { error: "status: pending, accepted or ignored." }).default("pending").describe("pending (default), accepted or ignored"),
  from: localDateText("from").optional().describe("First local day (YYYY-MM-DD), inclusive"),
  to: localDateText("to").optional().describe("Last local day (YYYY-MM-DD), inclusive"),
});
export type ListSuggestionsQuery = z.output<typeof listSuggestionsQuery>;

/** Accepting: what the person changed on the way (each optional), and "always do this". */
export const acceptSuggestionSchema = z.object({
  project_id: idRef.optional(),
  task_id: idRef.optional(),
  notes: notes.optional(),
  start_time: dateTimeText.optional(),
  end_time: dateTimeText.optional(),
  tags: tagListInput.optional(),
  billable: z.boolean({ error: "billable must be true or false." }).optional(),
  always: flag.optional().describe("With a project: remember it as a mapping rule (this activity or category → this project, task, tags, billable) and apply it to the other pending suggestions"),
});
export type AcceptSuggestionInput = z.input<typeof acceptSuggestionSchema>;

export const bulkAcceptSchema = z.object({
  ids: z.array(id(), { error: "ids: a list of suggestion ids." }).min(1, "ids: at least one.").max(100, "ids: at most 100 at once."),
});
export type BulkAcceptInput = z.input<typeof bulkAcceptSchema>;

const minutes = (field: string, min: number, max: number) =>
  z.number({ error: `${field} must be a number of minutes.` }).int(`${field}: whole minutes.`).min(min, `${field}: at least ${min}.`).max(max, `${field}: at most ${max}.`);

export const mappingSchema = z.object({
  field: z.enum(["activity", "category", "document"], { error: "field: activity, category or document." }),
  pattern: z.string().trim().min(1, "pattern cannot be empty.").max(200, "pattern: at most 200 characters."),
  project_id: idRef.optional(),
  task_id: idRef.optional(),
  tags: tagListInput.optional(),
  billable: z.union([z.boolean(), z.null()], { error: "billable must be true, false or null." }).optional(),
});

/** The person's rules; PUT replaces what it names (mappings: the whole list, in order). */
export const suggestionRulesSchema = z.object({
  group_by: z.enum(["activity", "category"], { error: "group_by: activity or category." }).optional(),
  gap_minutes: minutes("gap_minutes", 0, 120).optional(),
  min_block_minutes: minutes("min_block_minutes", 0, 480).optional(),
  min_productivity: z.number({ error: "min_productivity: -2 to 2." }).int("min_productivity: -2 to 2.").min(-2, "min_productivity: -2 to 2.").max(2, "min_productivity: -2 to 2.").optional(),
  round_minutes: minutes("round_minutes", 0, 60).optional(),
  denied_categories: z.array(z.string().trim().min(1).max(200)).max(100, "denied_categories: at most 100.").optional(),
  mappings: z.array(mappingSchema).max(200, "mappings: at most 200.").optional(),
});
export type SuggestionRulesInput = z.input<typeof suggestionRulesSchema>;

/** The stored thresholds, read leniently: anything missing or out of range falls back to the default. */
export const storedRulesSchema = z.object({
  group_by: z.enum(["activity", "category"]).catch(DEFAULT_RULES.group_by),
  gap_minutes: z.number().int().min(0).max(120).catch(DEFAULT_RULES.gap_minutes),
  min_block_minutes: z.number().int().min(0).max(480).catch(DEFAULT_RULES.min_block_minutes),
  min_productivity: z.number().int().min(-2).max(2).catch(DEFAULT_RULES.min_productivity),
  round_minutes: z.number().int().min(0).max(60).catch(DEFAULT_RULES.round_minutes),
  denied_categories: z.array(z.string()).catch(DEFAULT_RULES.denied_categories),
});

/** POST /integrations/{id}/import of an activity source: local days, inclusive (default: yesterday and today). */
export const importActivitySchema = z.object({
  from: localDateText("from").optional(),
  to: localDateText("to").optional(),
});
export type ImportActivityInput = z.input<typeof importActivitySchema>;
