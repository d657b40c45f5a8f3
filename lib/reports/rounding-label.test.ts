import { describe, expect, it } from "vitest";
import { describeRounding } from "./rounding-label";

describe("describeRounding", () => {
  it("says none without minutes or scope", () => {
    expect(describeRounding({ mode: "none", minutes: 15, scope: "group" })).toBe("No rounding");
  });
  it("names the direction, the minutes and the scope", () => {
    expect(describeRounding({ mode: "up", minutes: 15, scope: "entry" })).toBe("Up to 15 min, each entry");
    expect(describeRounding({ mode: "down", minutes: 30, scope: "entry" })).toBe("Down to 30 min, each entry");
    expect(describeRounding({ mode: "nearest", minutes: 6, scope: "group" })).toBe("Nearest 6 min, each group's total");
  });
});
