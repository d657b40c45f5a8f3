import { describe, expect, it } from "vitest";
import type { Entry } from "@/lib/queries/types";
import { firstRowsOf, type DayGroup } from "./day-rows";

const day = (date: string, n: number): DayGroup => ({ date, entries: Array.from({ length: n }, (_, i) => ({ id: i + 1 }) as Entry) });

describe("the Overview list's first screenful (firstRowsOf)", () => {
  it("keeps whole days while they fit and cuts the day where the count ends, in order", () => {
    const groups = [day("2026-11-02", 3), day("2026-11-03", 4), day("2026-11-04", 5)];
    const first = firstRowsOf(groups, 5);
    expect(first.map((g) => [g.date, g.entries.length])).toEqual([
      ["2026-11-02", 3],
      ["2026-11-03", 2],
    ]);
    // A whole day is the same object (its rows keep their identity for the full render that follows).
    expect(first[0]).toBe(groups[0]);
    expect(first[1].entries).toEqual(groups[1].entries.slice(0, 2));
  });

  it("is every day when they hold fewer rows than the count, and nothing for none", () => {
    const groups = [day("2026-11-02", 2), day("2026-11-03", 1)];
    expect(firstRowsOf(groups, 40)).toEqual(groups);
    expect(firstRowsOf([], 40)).toEqual([]);
    expect(firstRowsOf(groups, 3)).toEqual(groups);
  });
});
