import { type GroupedReportQuery, groupedReportQuery, TIME_KEYS } from "@/lib/reports/builder/query-schema";
import { reportSearch } from "@/lib/reports/builder/search";

export { reportSearch };

// The Reports page keeps the whole report in its URL: the same query string the API takes (and the
// exports, with &format=…), parsed with the API's own schema, so a bookmark, a shared link and an
// export all answer the same report.

export type ReportState = GroupedReportQuery;

export const DEFAULT_REPORT: ReportState = groupedReportQuery.parse({});

/** The report a URL describes, or the default report with the schema's first message when it is broken. */
export function parseReportUrl(params: URLSearchParams): { state: ReportState; problem: string | null } {
  const parsed = groupedReportQuery.safeParse(Object.fromEntries(params));
  if (parsed.success) return { state: parsed.data, problem: null };
  return { state: DEFAULT_REPORT, problem: parsed.error.issues[0]?.message ?? "This report's address is not valid." };
}

/** The time level of the bar chart: the first grouping when it is one, else by the range's length. */
export function chartTimeKey(s: ReportState, startDate: string, endDate: string): "day" | "week" | "month" {
  const first = s.group_by[0];
  if ((TIME_KEYS as readonly string[]).includes(first)) return first as "day" | "week" | "month";
  const days = (Date.parse(endDate) - Date.parse(startDate)) / 86_400_000 + 1;
  return days <= 31 ? "day" : days <= 120 ? "week" : "month";
}

/** The query of the bar chart: time first, stacked by the report's first grouping (unless that is time). */
export function chartSearch(s: ReportState, time: "day" | "week" | "month"): string {
  const first = s.group_by[0];
  return reportSearch({ ...s, group_by: first === time ? [time] : [time, first] });
}

type RoundingFields = Pick<ReportState, "rounding" | "rounding_minutes" | "rounding_scope">;
/** What the Rounding control offers: the workspace's setting (no rounding parameters) or an override. */
export type RoundingChoice = "default" | NonNullable<ReportState["rounding"]>;

/**
 * The control's choice for a URL. An address with only rounding_minutes or rounding_scope (typed, or from
 * the API's documentation) overrides too: it shows as the mode the report resolved, not as the default.
 */
export function roundingChoice(s: ReportState, resolvedMode?: NonNullable<ReportState["rounding"]>): RoundingChoice {
  if (s.rounding) return s.rounding;
  return s.rounding_minutes !== undefined || s.rounding_scope !== undefined ? (resolvedMode ?? "default") : "default";
}

/**
 * The URL's rounding for a choice: the default clears all three; none needs no minutes or scope; a
 * direction writes minutes and scope too (those on screen), so a shared link rounds the same even after
 * the workspace's setting changes.
 */
export function roundingPatch(choice: RoundingChoice, shown: { minutes: number; scope: NonNullable<ReportState["rounding_scope"]> }): RoundingFields {
  if (choice === "default") return { rounding: undefined, rounding_minutes: undefined, rounding_scope: undefined };
  if (choice === "none") return { rounding: "none", rounding_minutes: undefined, rounding_scope: undefined };
  return { rounding: choice, rounding_minutes: shown.minutes, rounding_scope: shown.scope };
}
