import { describe, expect, it } from "vitest";
import { describeDuration, parseDuration } from "./duration";

describe("durations people type", () => {
  it.each([
    ["1:30", 5400],
    ["0:45:30", 2730],
    ["1h 30m", 5400],
    ["1.5h", 5400],
    ["2,25h", 8100],
    ["90m", 5400],
    ["45", 2700],
    ["90", 5400],
    ["3h", 10800],
    ["1.5", 5400],
    ["1,5", 5400],
    [",5", 1800],
    ["1h30", 5400],
    ["1h30m", 5400],
    ["1 h 30 min", 5400],
    ["1.5 hours", 5400],
    ["2 hrs", 7200],
    ["90 min", 5400],
    ["90 minutes", 5400],
    [" 1H30 ", 5400],
  ])("%s is %i seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["", "abc", "1:75", "h", "-5", "0", "0:00", "1.5.5", "30m1h", "1h30h", "m"])("%j is not a duration", (text) => expect(parseDuration(text)).toBeNull());

  it.each([
    [5400, "1 h 30 min"],
    [2700, "45 min"],
    [7200, "2 h"],
    [2730, "45 min 30 s"],
  ])("%i seconds read back as %s", (seconds, text) => expect(describeDuration(seconds)).toBe(text));
});
