import { describe, expect, it } from "vitest";
import { weekOf } from "./calendar";
import { addDays, periodOf } from "./period";

describe("weeks without a zone", () => {
  it("are the dates of the zoned week, for every start day, across months, years and leap days", () => {
    for (let i = 0; i < 800; i += 3) {
      const date = addDays("2023-12-20", i);
      for (const weekStart of [0, 1, 6]) {
        const { kind, start, end, days } = periodOf("week", date, "Europe/Berlin", weekStart);
        expect(weekOf(date, weekStart), `${date} ${weekStart}`).toEqual({ kind, start, end, days });
      }
    }
  });

  it("refuses what is not a date", () => {
    expect(() => weekOf("2026-02-30", 1)).toThrow(RangeError);
    expect(() => weekOf("next week", 1)).toThrow(RangeError);
  });
});
