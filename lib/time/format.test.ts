import { describe, expect, it } from "vitest";
import { formatClock, formatTotal } from "./format";

describe("the precision rule", () => {
  it("totals beside rows read H:MM:SS like the rows, so 22 s + 4 s reads 0:00:26", () => {
    expect([formatClock(22), formatClock(4), formatClock(26)]).toEqual(["0:00:22", "0:00:04", "0:00:26"]);
  });

  it("a total on its own shows seconds when under a minute, never 0m for time tracked", () => {
    expect(formatTotal(26)).toBe("26s");
    expect(formatTotal(0.4)).toBe("0m");
    expect(formatTotal(0)).toBe("0m");
    expect(formatTotal(60)).toBe("1m");
    expect(formatTotal(3600 + 59)).toBe("1h 00m");
  });
});
