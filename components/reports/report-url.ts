import { type GroupedReportQuery, groupedReportQuery, TIME_KEYS } from "@/lib/reports/builder/query-schema";

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

const ids = (list?: number[]) => (list && list.length ? list.join(",") : undefined);
const flag = (v?: boolean) => (v === undefined ? undefined : String(v));

/** The query string of a report, in a fixed order and without defaults, so equal reports read alike. */
export function reportSearch(s: ReportState): string {
  const custom = s.range === "custom" || (s.range === undefined && s.start_date !== undefined);
  const pairs: [string, string | undefined][] = [
    ["range", custom ? "custom" : s.range],
    ["start_date", custom ? s.start_date : undefined],
    ["end_date", custom ? s.end_date : undefined],
    ["user_id", ids(s.user_id)],
    ["client_id", ids(s.client_id)],
    ["project_id", ids(s.project_id)],
    ["task_id", ids(s.task_id)],
    ["tag_id", ids(s.tag_id)],
    ["tags", s.tag_id?.length && s.tags === "all" ? "all" : undefined],
    ["billable", flag(s.billable)],
    ["description", s.description],
    ["has_project", flag(s.has_project)],
    ["rounding", s.rounding],
    ["rounding_minutes", s.rounding_minutes === undefined ? undefined : String(s.rounding_minutes)],
    ["rounding_scope", s.rounding_scope],
    ["group_by", s.group_by.join(",")],
  ];
  const out = new URLSearchParams();
  for (const [k, v] of pairs) if (v !== undefined && v !== "") out.set(k, v);
  // Commas stay readable in the address bar (they need no escaping in a query string).
  return out.toString().replaceAll("%2C", ",");
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
