import { z } from "zod";
import { flag, MAX_ID, numeric } from "@/lib/api/fields";
import { cursorParam } from "@/lib/api/cursor-param";
import { isValidLocalDate } from "@/lib/time/period";
import { exportFields } from "@/lib/reports/export/params";

// The one description of a report: the API's query parameters, and (next) the Reports page's URL and the
// exports, all parse with these schemas, so a bookmarked page, its export and the API answer the same report.

export const GROUP_KEYS = ["client", "project", "task", "tag", "member", "day", "week", "month"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];
export const TIME_KEYS: readonly GroupKey[] = ["day", "week", "month"];

export const RANGE_PRESETS = ["this_week", "last_week", "this_month", "last_month", "this_year", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const ROUNDING_MODES = ["none", "up", "down", "nearest"] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
export const ROUNDING_MINUTES = [1, 5, 6, 10, 15, 30, 60] as const;
export const ROUNDING_SCOPES = ["entry", "group"] as const;
export type RoundingScope = (typeof ROUNDING_SCOPES)[number];

/** The longest custom range a report takes (two years and a day): the day rule makes a row per local day. */
export const MAX_RANGE_DAYS = 732;
const MAX_IDS = 100;

/** Ids separated by commas ("3,7"), or one id as a number: a list of distinct positive ids. */
const idList = (field: string) =>
  z
    .preprocess(
      (v) => (typeof v === "number" ? String(v) : v),
      z
        .string({ error: `${field} must be ids separated by commas, e.g. 3,7.` })
        .trim()
        .regex(/^\d{1,10}( *, *\d{1,10})*$/, `${field} must be ids separated by commas, e.g. 3,7.`)
        .transform((s) => [...new Set(s.split(",").map((v) => Number(v.trim())))])
        .refine((ids) => ids.every((n) => n >= 1 && n <= MAX_ID), `${field}: each id is a positive whole number.`)
        .refine((ids) => ids.length <= MAX_IDS, `${field}: at most ${MAX_IDS} ids.`),
    )
    .describe(`One or more ids separated by commas, e.g. 3,7`);

const groupBy = z
  .string({ error: "group_by must be one or two of client, project, task, tag, member, day, week, month, separated by a comma." })
  .trim()
  .transform((s) => s.split(",").map((k) => k.trim()))
  .pipe(
    z
      .array(z.string())
      .min(1)
      .max(2, "group_by takes one or two levels.")
      // Checked on the whole list, so that the error is group_by's (not group_by.0's).
      .refine((keys) => keys.every((k) => (GROUP_KEYS as readonly string[]).includes(k)), "group_by takes client, project, task, tag, member, day, week or month.")
      .refine((keys) => new Set(keys).size === keys.length, "group_by: name each level once.")
      .transform((keys) => keys as GroupKey[]),
  )
  .describe("One or two levels, comma-separated: client, project, task, tag, member, day, week, month (e.g. project,tag)");

const localDate = (field: string) => z.string({ error: `${field} must be a date like 2026-11-01.` }).refine(isValidLocalDate, `Use a date like 2026-11-01 for ${field}.`);

/** The fields every report takes (filters, range, rounding). */
export const reportFields = {
  range: z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(", ")}.` }).optional().describe("A preset in your time zone and week start; custom (the default when start_date/end_date are given) takes start_date and end_date. Default this_month"),
  start_date: localDate("start_date").optional().describe("First local date of a custom range (inclusive)"),
  end_date: localDate("end_date").optional().describe("Last local date of a custom range (inclusive)"),
  user_id: idList("user_id").optional().describe("Members whose time (managers and up; a token needs read:team for others). Default: the whole workspace for managers and up, your own time otherwise"),
  client_id: idList("client_id").optional(),
  project_id: idList("project_id").optional(),
  task_id: idList("task_id").optional(),
  tag_id: idList("tag_id").optional(),
  tags: z.enum(["any", "all"], { error: "tags must be any or all." }).default("any").describe("With tag_id: entries with any of the tags (default) or with all of them"),
  billable: flag.optional().describe("Only billable (true) or non-billable (false) entries"),
  description: z.string({ error: "description must be text." }).trim().min(1, "description cannot be empty.").max(200, "description: at most 200 characters.").optional().describe("Entries whose description contains this text (any case)"),
  has_project: flag.optional().describe("Only entries with a project (true) or without one (false)"),
  rounding: z.enum(ROUNDING_MODES, { error: "rounding must be none, up, down or nearest." }).optional().describe("Overrides the workspace's rounding for this report: none, up, down or nearest"),
  rounding_minutes: numeric(
    z.number({ error: "rounding_minutes must be 1, 5, 6, 10, 15, 30 or 60." }).refine((n) => (ROUNDING_MINUTES as readonly number[]).includes(n), "rounding_minutes must be 1, 5, 6, 10, 15, 30 or 60."),
  )
    .optional()
    .describe("To how many minutes (1, 5, 6, 10, 15, 30, 60); default the workspace's"),
  rounding_scope: z.enum(ROUNDING_SCOPES, { error: "rounding_scope must be entry or group." }).optional().describe("entry: each entry's time in a group is rounded; group: each group's total is rounded once. Default the workspace's"),
};

type RangeFields = { range?: RangePreset; start_date?: string; end_date?: string };
function checkRange(q: RangeFields, ctx: z.RefinementCtx) {
  const custom = q.range === "custom" || (q.range === undefined && (q.start_date !== undefined || q.end_date !== undefined));
  if (!custom) {
    if (q.start_date !== undefined) ctx.addIssue({ code: "custom", path: ["start_date"], message: `start_date goes with range=custom, not ${q.range}.` });
    if (q.end_date !== undefined) ctx.addIssue({ code: "custom", path: ["end_date"], message: `end_date goes with range=custom, not ${q.range}.` });
    return;
  }
  if (q.start_date === undefined) ctx.addIssue({ code: "custom", path: ["start_date"], message: "A custom range needs start_date." });
  if (q.end_date === undefined) ctx.addIssue({ code: "custom", path: ["end_date"], message: "A custom range needs end_date." });
  if (q.start_date && q.end_date && isValidLocalDate(q.start_date) && isValidLocalDate(q.end_date)) {
    const days = (Date.parse(q.end_date) - Date.parse(q.start_date)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["end_date"], message: "end_date must not be before start_date." });
    else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["end_date"], message: `A report covers at most ${MAX_RANGE_DAYS} days.` });
  }
}

/** GET /reports/grouped (and the page's URL): the filters and one or two grouping levels. */
export const groupedReportQuery = z.object({ ...reportFields, group_by: groupBy.default(["project"]), ...exportFields }).superRefine(checkRange);

/** GET /reports/detailed: the filters, a page size and the next_cursor of the previous page. */
export const detailedReportQuery = z
  .object({
    ...reportFields,
    per_page: numeric(z.number({ error: "per_page must be a whole number from 1 to 500." }).int("per_page must be a whole number from 1 to 500.").min(1, "per_page must be a whole number from 1 to 500.").max(500, "per_page must be a whole number from 1 to 500."))
      .default(100)
      .describe("Entries per page (1-500, default 100)"),
    cursor: cursorParam.optional().describe("The next_cursor of the previous page"),
    ...exportFields,
  })
  .superRefine(checkRange);

/** What every report reads (the grouped and the detailed queries both carry it). */
export type ReportFilters = z.output<z.ZodObject<typeof reportFields>>;
export type GroupedReportQuery = z.output<typeof groupedReportQuery>;
export type DetailedReportQuery = z.output<typeof detailedReportQuery>;
export type GroupedReportInput = z.input<typeof groupedReportQuery>;
export type DetailedReportInput = z.input<typeof detailedReportQuery>;
