import { describe, expect, it } from "vitest";
import { describeLength } from "./times";

describe("describeLength", () => {
  it.each([
    [45, "45 min"],
    [60, "1 h"],
    [90, "1 h 30 min"],
    [1440, "24 h"],
    [2000, "33 h 20 min"],
    [2880, "2 days"],
    [3840, "2 days 16 h"],
    [10_080, "7 days"],
    [0, "0 min"],
  ])("%i minutes are “%s”", (minutes, text) => expect(describeLength(minutes)).toBe(text));
});
