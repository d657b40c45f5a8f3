import { describe, expect, it } from "vitest";
import { liveOverview } from "./live";
import type { Overview } from "./overview";

const base: Overview = {
  kind: "week",
  start_date: "2026-06-15",
  end_date: "2026-06-21",
  timezone: "UTC",
  as_of: "2026-06-16T10:00:00.000Z",
  running: { id: 7, project_id: 3, billable: true },
  total_seconds: 5000,
  billable_seconds: 1000,
  entries: 2,
  days: [
    { date: "2026-06-15", seconds: 4000, billable_seconds: 0, projects: [{ project_id: null, seconds: 4000 }] },
    { date: "2026-06-16", seconds: 1000, billable_seconds: 1000, projects: [{ project_id: 3, seconds: 1000 }] },
  ],
  projects: [
    { project_id: null, project: null, color: null, client: null, seconds: 4000, billable_seconds: 0 },
    { project_id: 3, project: "Website", color: null, client: null, seconds: 1000, billable_seconds: 1000 },
  ],
};

describe("liveOverview", () => {
  it("adds the whole seconds since as_of to today, the running session's project and the billable totals", () => {
    const o = liveOverview(base, 65.9, "2026-06-16");
    expect([o.total_seconds, o.billable_seconds]).toEqual([5065, 1065]);
    expect(o.days.map((d) => [d.seconds, d.billable_seconds])).toEqual([
      [4000, 0],
      [1065, 1065],
    ]);
    expect(o.days[1].projects).toEqual([{ project_id: 3, seconds: 1065 }]);
    expect(o.projects.map((p) => [p.seconds, p.billable_seconds])).toEqual([
      [4000, 0],
      [1065, 1065],
    ]);
  });

  it("starts today's project segment when the running session has none there yet", () => {
    const o = liveOverview({ ...base, running: { id: 7, project_id: null, billable: false } }, 10, "2026-06-16");
    expect(o.days[1].projects).toEqual([
      { project_id: 3, seconds: 1000 },
      { project_id: null, seconds: 10 },
    ]);
    expect([o.total_seconds, o.billable_seconds, o.projects[0].seconds]).toEqual([5010, 1000, 4010]);
  });

  it("changes nothing without a running session, within the first second, or when today is outside the period", () => {
    expect(liveOverview({ ...base, running: null }, 30, "2026-06-16")).toEqual({ ...base, running: null });
    expect(liveOverview(base, 0.9, "2026-06-16")).toBe(base);
    expect(liveOverview(base, 30, "2026-06-22")).toBe(base);
  });

  it("counts back to a clock that reads before as_of, as the page's timer does", () => {
    const o = liveOverview(base, -1.5, "2026-06-16");
    expect([o.total_seconds, o.days[1].seconds, o.billable_seconds]).toEqual([4998, 998, 998]);
  });
});
