import { describe, expect, it } from "vitest";
import { chartSearch, chartTimeKey, parseReportUrl, reportSearch, roundingChoice, roundingPatch } from "./report-url";

describe("the Reports page's URL", () => {
  it("reads a report and writes it back alike", () => {
    const url = "range=last_month&client_id=3,7&tag_id=2&tags=all&billable=true&description=deploy&group_by=project,tag";
    const { state, problem } = parseReportUrl(new URLSearchParams(url));
    expect(problem).toBeNull();
    expect(state).toMatchObject({ range: "last_month", client_id: [3, 7], tag_id: [2], tags: "all", billable: true, group_by: ["project", "tag"] });
    expect(reportSearch(state)).toBe(url);
  });

  it("leaves defaults out and writes a custom range with its dates", () => {
    const { state } = parseReportUrl(new URLSearchParams("start_date=2026-03-01&end_date=2026-03-31"));
    expect(reportSearch(state)).toBe("range=custom&start_date=2026-03-01&end_date=2026-03-31&group_by=project");
  });

  it("says what is wrong with a broken address and falls back to the default report", () => {
    const { state, problem } = parseReportUrl(new URLSearchParams("group_by=color"));
    expect(problem).toMatch(/group_by takes client, project/);
    expect(reportSearch(state)).toBe("group_by=project");
  });

  it("charts by day for a month, by month for a year, stacked by the first grouping", () => {
    const { state } = parseReportUrl(new URLSearchParams("range=this_year&group_by=client,tag"));
    expect(chartTimeKey(state, "2026-11-01", "2026-11-30")).toBe("day");
    expect(chartTimeKey(state, "2026-01-01", "2026-12-31")).toBe("month");
    expect(chartSearch(state, "month")).toBe("range=this_year&group_by=month,client");
    const byWeek = parseReportUrl(new URLSearchParams("group_by=week,project")).state;
    expect(chartSearch(byWeek, chartTimeKey(byWeek, "2026-01-01", "2026-12-31"))).toBe("group_by=week");
  });

  it("writes a rounding override whole, and the workspace default as no parameters", () => {
    const base = parseReportUrl(new URLSearchParams("range=last_month")).state;
    const shown = { minutes: 15, scope: "entry" } as const;
    expect(reportSearch({ ...base, ...roundingPatch("up", shown) })).toBe("range=last_month&rounding=up&rounding_minutes=15&rounding_scope=entry&group_by=project");
    expect(reportSearch({ ...base, ...roundingPatch("none", shown) })).toBe("range=last_month&rounding=none&group_by=project");
    const overridden = parseReportUrl(new URLSearchParams("range=last_month&rounding=nearest&rounding_minutes=6&rounding_scope=group")).state;
    expect(roundingChoice(overridden)).toBe("nearest");
    expect(reportSearch({ ...overridden, ...roundingPatch("default", shown) })).toBe("range=last_month&group_by=project");
  });

  it("reads an address with only rounding minutes as an override of the resolved mode", () => {
    const { state } = parseReportUrl(new URLSearchParams("rounding_minutes=30"));
    expect(roundingChoice(state, "up")).toBe("up");
    expect(roundingChoice(parseReportUrl(new URLSearchParams("")).state, "up")).toBe("default");
  });
});
