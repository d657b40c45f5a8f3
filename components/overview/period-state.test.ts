import { describe, expect, it } from "vitest";
import { periodOf } from "@/lib/time/period";
import { hourScale } from "./day-chart";
import { assignLanes } from "./day-timeline";
import { periodTitle, readSelection, relativeLabel, shiftSelection } from "./period-state";

const params = (q: string) => new URLSearchParams(q);

describe("the selection in the URL", () => {
  it("defaults to this week in the user's zone", () => {
    // 03:30 UTC on 10 March is still 9 March in Los Angeles.
    const now = new Date("2026-03-10T03:30:00Z");
    expect(readSelection(params(""), "America/Los_Angeles", now)).toEqual({ kind: "week", date: "2026-03-09" });
    expect(readSelection(params("period=year&date=2026-02-30"), "Europe/Berlin", now)).toEqual({ kind: "week", date: "2026-03-10" });
    expect(readSelection(params("period=month&date=2026-11-19"), "UTC", now)).toEqual({ kind: "month", date: "2026-11-19" });
  });

  it("moves by whole periods and keeps the anchor's place", () => {
    expect(shiftSelection({ kind: "week", date: "2026-11-19" }, 1)).toEqual({ kind: "week", date: "2026-11-26" });
    expect(shiftSelection({ kind: "day", date: "2026-12-31" }, 1)).toEqual({ kind: "day", date: "2027-01-01" });
    expect(shiftSelection({ kind: "month", date: "2026-01-31" }, 1)).toEqual({ kind: "month", date: "2026-02-28" });
    expect(shiftSelection({ kind: "month", date: "2026-01-15" }, -1)).toEqual({ kind: "month", date: "2025-12-15" });
  });
});

describe("period titles", () => {
  it("name the period in words", () => {
    expect(periodTitle(periodOf("day", "2026-11-19", "UTC", 1))).toBe("Thursday 19 November 2026");
    expect(periodTitle(periodOf("week", "2026-11-19", "UTC", 1))).toBe("Mon 16 – Sun 22 Nov 2026");
    expect(periodTitle(periodOf("week", "2026-11-19", "UTC", 0))).toBe("Sun 15 – Sat 21 Nov 2026");
    expect(periodTitle(periodOf("week", "2026-12-02", "UTC", 1))).toBe("Mon 30 Nov – Sun 6 Dec 2026");
    expect(periodTitle(periodOf("week", "2027-01-01", "UTC", 1))).toBe("Mon 28 Dec 2026 – Sun 3 Jan 2027");
    expect(periodTitle(periodOf("month", "2026-11-19", "UTC", 1))).toBe("November 2026");
    expect(periodTitle(periodOf("week", "2026-09-09", "UTC", 1))).toBe("Mon 7 – Sun 13 Sep 2026");
  });

  it("say when the period is this, last or next one", () => {
    const at = (kind: "day" | "week" | "month", date: string) => relativeLabel(periodOf(kind, date, "UTC", 1), "2026-11-19", "UTC", 1);
    expect(at("week", "2026-11-16")).toBe("This week");
    expect(at("week", "2026-11-12")).toBe("Last week");
    expect(at("week", "2026-11-23")).toBe("Next week");
    expect(at("week", "2026-11-02")).toBeNull();
    expect(at("day", "2026-11-18")).toBe("Yesterday");
    expect(at("month", "2026-12-01")).toBe("Next month");
  });
});

describe("the chart's hour axis", () => {
  it("ends on a whole number of steps, at most four lines", () => {
    expect(hourScale(0)).toEqual({ top: 3600, step: 3600 });
    expect(hourScale(7.5 * 3600)).toEqual({ top: 8 * 3600, step: 2 * 3600 });
    expect(hourScale(3 * 3600)).toEqual({ top: 3 * 3600, step: 3600 });
    expect(hourScale(13 * 3600)).toEqual({ top: 16 * 3600, step: 4 * 3600 });
  });
});

describe("timeline lanes", () => {
  it("put overlapping sessions on separate lanes and reuse free ones", () => {
    expect(assignLanes([{ start: 0, end: 10 }, { start: 5, end: 8 }, { start: 9, end: 12 }, { start: 12, end: 13 }])).toEqual([0, 1, 1, 0]);
  });
});
