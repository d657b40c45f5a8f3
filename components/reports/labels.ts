import type { GroupKey, RangePreset } from "@/lib/reports/builder/query-schema";

// The names a person reads for ranges and groupings; their own module, so the share page and the table
// get them without the filters' code and its queries.

export const RANGE_LABELS: Record<RangePreset, string> = {
  this_week: "This week",
  last_week: "Last week",
  this_month: "This month",
  last_month: "Last month",
  this_year: "This year",
  custom: "Custom dates",
};
export const GROUP_LABELS: Record<GroupKey, string> = { client: "Client", project: "Project", task: "Task", tag: "Tag", member: "Member", day: "Day", week: "Week", month: "Month" };
