import { describe, expect, it } from "vitest";
import type { Entry } from "@/lib/queries/types";
import { groupWeek } from "./day-groups";

const entry = (id: number, start: string, end: string | null): Entry => ({ id, start_time: start, end_time: end, is_active: end === null, notes: `e${id}` }) as Entry;

describe("groupWeek", () => {
  const tz = "Europe/Berlin";
  // Week of Mon 19 Oct 2026. 1: Sun 18 22:00 -> Mon 19 01:00 (from the week before); 2: Mon 22:00 -> Tue 01:30;
  // 3: Tue 09:00-10:00; 4: running since Wed 23:00.
  const entries = [
    entry(4, "2026-10-21T21:00:00Z", null),
    entry(3, "2026-10-20T07:00:00Z", "2026-10-20T08:00:00Z"),
    entry(2, "2026-10-19T20:00:00Z", "2026-10-19T23:30:00Z"),
    entry(1, "2026-10-18T20:00:00Z", "2026-10-18T23:00:00Z"),
  ];

  it("lists saved sessions under the day they start and shows what carries into each day with time", () => {
    const groups = groupWeek(entries, "2026-10-19", new Set(["2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22"]), tz);
    expect(groups.map((g) => [g.date, g.entries.map((e) => e.id), g.carried.map((e) => e.id)])).toEqual([
      ["2026-10-22", [], [4]],
      ["2026-10-21", [], [4]],
      ["2026-10-20", [3], [2]],
      ["2026-10-19", [2], [1]],
    ]);
  });

  it("leaves out days without time and without sessions starting on them; an end at midnight carries nothing", () => {
    const atMidnight = entry(5, "2026-10-22T20:00:00Z", "2026-10-22T22:00:00Z"); // Thu 22:00 -> Fri 00:00
    const groups = groupWeek([atMidnight], "2026-10-19", new Set(["2026-10-22", "2026-10-23"]), tz);
    expect(groups.map((g) => [g.date, g.entries.length, g.carried.length])).toEqual([
      ["2026-10-23", 0, 0],
      ["2026-10-22", 1, 0],
    ]);
  });
});
