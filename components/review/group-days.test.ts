import { describe, expect, it } from "vitest";
import { groupByDay } from "./group-days";

const s = (start_time: string, minutes: number) => ({ start_time, duration_seconds: minutes * 60 });

describe("groupByDay", () => {
  it("groups by the local day of the start in the user's zone, days and items in time order", () => {
    const items = [s("2026-11-02T09:00:00.000Z", 30), s("2026-11-01T23:30:00.000Z", 20), s("2026-11-02T14:00:00.000Z", 10)];
    expect(groupByDay(items, "UTC").map((d) => [d.day, d.items.length, d.seconds])).toEqual([
      ["2026-11-01", 1, 1200],
      ["2026-11-02", 2, 2400],
    ]);
    // In Sydney (UTC+11) 23:30 UTC on 1 Nov is 10:30 on 2 Nov, and 14:00 UTC on 2 Nov is 01:00 on 3 Nov.
    expect(groupByDay(items, "Australia/Sydney").map((d) => [d.day, d.items.map((i) => i.start_time.slice(11, 16))])).toEqual([
      ["2026-11-02", ["23:30", "09:00"]],
      ["2026-11-03", ["14:00"]],
    ]);
  });
});
