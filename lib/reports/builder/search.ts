import type { GroupedReportQuery } from "./query-schema";

// A report's query string, written one way: the Reports page's URL, and a saved report's params
// (lib/reports/saved), so that equal reports read alike wherever they are kept.

const ids = (list?: number[]) => (list && list.length ? list.join(",") : undefined);
const flag = (v?: boolean) => (v === undefined ? undefined : String(v));

/** The query string of a report, in a fixed order and without defaults, so equal reports read alike. */
export function reportSearch(s: GroupedReportQuery): string {
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
