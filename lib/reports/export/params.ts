import { z } from "zod";
import { flag } from "@/lib/api/fields";

// The export parameters the two report endpoints take beside the report's own (query-schema.ts): the same
// query string answers JSON without `format`, the file with it, so an export is the report on screen.

export const EXPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Every column an entries CSV can hold, in the order they are written when chosen. */
export const ENTRY_COLUMNS = [
  "id",
  "date",
  "start",
  "end",
  "duration",
  "hours",
  "rounded_duration",
  "rounded_hours",
  "member",
  "client",
  "project",
  "task",
  "tags",
  "description",
  "billable",
  "rate",
  "amount",
  "rounded_amount",
  "currency",
] as const;
export type EntryColumn = (typeof ENTRY_COLUMNS)[number];

/** Each column's heading in the file, also its label where the Reports page lets you choose them. */
export const ENTRY_COLUMN_TITLES: Record<EntryColumn, string> = {
  id: "Id",
  date: "Date",
  start: "Start",
  end: "End",
  duration: "Duration (h:mm)",
  hours: "Duration (hours)",
  rounded_duration: "Rounded duration (h:mm)",
  rounded_hours: "Rounded duration (hours)",
  member: "Member",
  client: "Client",
  project: "Project",
  task: "Task",
  tags: "Tags",
  description: "Description",
  billable: "Billable",
  rate: "Rate",
  amount: "Amount",
  rounded_amount: "Rounded amount",
  currency: "Currency",
};

/** The documented default: what a timesheet needs; id, rounded_hours and rounded_amount on request. */
export const DEFAULT_ENTRY_COLUMNS: readonly EntryColumn[] = ENTRY_COLUMNS.filter((c) => c !== "id" && c !== "rounded_hours" && c !== "rounded_amount");

const COLUMNS_ERROR = `columns takes names separated by commas among ${ENTRY_COLUMNS.join(", ")}.`;

const columns = z
  .string({ error: COLUMNS_ERROR })
  .trim()
  .transform((s) => s.split(",").map((c) => c.trim()))
  .pipe(
    z
      .array(z.string())
      .min(1, COLUMNS_ERROR)
      .refine((cs) => cs.every((c) => (ENTRY_COLUMNS as readonly string[]).includes(c)), COLUMNS_ERROR)
      .refine((cs) => new Set(cs).size === cs.length, "columns: name each column once.")
      .transform((cs) => cs as EntryColumn[]),
  )
  .describe(`With format=csv on /reports/detailed: the columns, in this order (default ${DEFAULT_ENTRY_COLUMNS.join(",")}; also id, rounded_hours, rounded_amount)`);

export const exportFields = {
  format: z
    .enum(EXPORT_FORMATS, { error: "format must be csv, xlsx or pdf." })
    .optional()
    .describe("Answer a file instead of JSON: csv (detailed: one row per entry; grouped: one row per group), xlsx (a Summary and an Entries sheet), pdf (totals by group and the entries with dates and times)"),
  columns: columns.optional(),
  bom: flag.optional().describe("With format=csv: start the file with a UTF-8 byte order mark, so Excel reads the accents right"),
};
