import { z } from "zod";
import { GROUP_KEYS, RANGE_PRESETS, ROUNDING_MODES, ROUNDING_SCOPES } from "./query-schema";

// The answers of GET /reports/grouped and /reports/detailed (the OpenAPI document and the e2e checks read these).

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rounding = z.object({ mode: z.enum(ROUNDING_MODES), minutes: z.number().int(), scope: z.enum(ROUNDING_SCOPES) }).describe("The rounding applied (the report's parameters over the workspace's setting)");
const money = z.number().nullable();

export const figuresShape = z.object({
  entries: z.number().int().describe("Distinct entries (an entry across midnight in a report by day counts in both days)"),
  seconds: z.number().describe("Raw seconds, by the day rule"),
  billable_seconds: z.number(),
  rounded_seconds: z.number().describe("Rounded once, as `rounding` says; subtotals and totals add rounded rows"),
  rounded_billable_seconds: z.number(),
  amount: money.describe("Billable seconds × hourly rate (member-on-project > project > client > member > workspace default), in `currency`, to the cent; null when no entry has a rate"),
  rounded_amount: money.describe("The same on the rounded billable time"),
});

// A project group of the first level: its estimate and budget, and its progress over ALL time (as the project
// page shows it), not over the report's range (project-progress.ts).
const projectProgress = {
  estimate: z
    .object({
      hours: z.number(),
      tracked_seconds_all_time: z.number(),
      share: z.number().describe("tracked_seconds_all_time / (hours × 3600): 0.6 = 60 %, over 1 when over"),
      remaining_seconds_all_time: z.number().describe("Negative: over the estimate"),
    })
    .nullable()
    .optional()
    .describe("Only on project groups of the first level (not on \"No project\"): the project's estimate and its tracked time over all time (not the range); null without an estimate"),
  budget: z
    .object({
      amount: z.number(),
      spent_all_time: z.number().nullable().describe("The project's billable amount over all time (its page's billable_amount); null when no rate applies"),
      share: z.number().nullable().describe("spent_all_time / amount: 0.6 = 60 %, over 1 when over budget"),
      remaining_all_time: z.number().nullable().describe("amount − spent_all_time, to the cent; negative: over budget"),
    })
    .nullable()
    .optional()
    .describe("Only on project groups of the first level: the project's budget and what is spent of it over all time (not the range); null without a budget"),
};
type Progress = { [K in keyof typeof projectProgress]?: z.infer<(typeof projectProgress)[K]> };

type Group = z.infer<typeof figuresShape> & { group: string; id: number | null; key: string | null; name: string; color?: string; groups?: Group[] } & Progress;
const leafGroup = figuresShape.extend({
  group: z.enum(GROUP_KEYS),
  id: z.number().int().nullable().describe("The client, project, task, tag or member id (null: none, e.g. entries without a project; always null for day/week/month)"),
  key: z.string().nullable().describe("The id as text, or the local date (day; week: its first day; month: its first day)"),
  name: z.string(),
  color: z.string().optional(),
});
export const groupShape: z.ZodType<Group> = leafGroup.extend({ groups: z.array(leafGroup).optional().describe("The second level, when group_by has two"), ...projectProgress });

export const groupedReportShape = z.object({
  start_date: localDate,
  end_date: localDate,
  range: z.enum(RANGE_PRESETS),
  time_zone: z.string(),
  week_start: z.number().int(),
  currency: z.string(),
  group_by: z.array(z.enum(GROUP_KEYS)),
  rounding,
  totals: figuresShape,
  groups: z.array(groupShape),
});

export const reportEntryShape = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  user: z.string(),
  project_id: z.number().int().nullable(),
  project: z.string().nullable(),
  client_id: z.number().int().nullable(),
  client: z.string().nullable(),
  task_id: z.number().int().nullable(),
  task: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string(),
  start_time: z.string(),
  end_time: z.string().nullable().describe("Null while the timer runs"),
  billable: z.boolean(),
  seconds: z.number().describe("The entry's seconds inside the range"),
  rounded_seconds: z.number().nullable().describe("Rounded per entry; null when the report rounds per group"),
  hourly_rate: money,
  amount: money,
  rounded_amount: money,
});

export const detailedReportShape = z.object({
  start_date: localDate,
  end_date: localDate,
  range: z.enum(RANGE_PRESETS),
  time_zone: z.string(),
  currency: z.string(),
  rounding,
  entries: z.array(reportEntryShape),
  pagination: z.object({ per_page: z.number().int(), next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last") }),
});
