import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { dayHeading, describeDuration, localDate, parseDuration, startedAt, timeOfDay } from "./display";
import { addDays } from "./period";

describe("display in the user's zone", () => {
  it("shows times and dates in the given zone", () => {
    expect(timeOfDay("2026-07-01T23:30:00Z", "Europe/Berlin")).toBe("01:30");
    expect(localDate("2026-07-01T23:30:00Z", "Europe/Berlin")).toBe("2026-07-02");
    expect(startedAt("2026-07-01T06:59:00Z", "Europe/Berlin", "2026-07-01")).toBe("08:59");
    expect(startedAt("2026-06-30T06:59:00Z", "Europe/Berlin", "2026-07-01")).toBe("Tue 30 Jun 08:59");
  });

  it("names days relative to today", () => {
    expect(dayHeading("2026-11-19", "2026-11-19")).toBe("Today");
    expect(dayHeading("2026-11-18", "2026-11-19")).toBe("Yesterday");
    expect(dayHeading("2026-11-16", "2026-11-19")).toBe("Mon, 16 Nov");
    expect(dayHeading("2025-12-31", "2026-01-02")).toBe("Wed, 31 Dec 2025");
  });
});

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

describe("display without Luxon reads as Luxon did", () => {
  // The browser helpers use Intl; Luxon stays on the server. Both must agree on every zone and DST edge.
  const zones = ["UTC", "Europe/Berlin", "America/New_York", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"];
  const instants = ["2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-11-01T05:30:00Z", "2026-09-06T03:59:00Z", "2026-09-06T04:00:00Z", "2026-12-31T23:59:59Z", "1999-12-31T10:00:00.123Z", "2026-07-01T23:30:00+02:00"];

  it("gives each instant's local date and time", () => {
    for (const tz of zones) {
      for (const iso of instants) {
        const dt = DateTime.fromISO(iso, { zone: tz });
        expect(localDate(iso, tz), `${iso} ${tz}`).toBe(dt.toISODate());
        expect(timeOfDay(iso, tz), `${iso} ${tz}`).toBe(dt.toFormat("HH:mm"));
        expect(startedAt(iso, tz, "2000-01-01"), `${iso} ${tz}`).toBe(dt.setLocale("en-GB").toFormat("ccc d LLL HH:mm"));
      }
    }
  });

  it("names every day of a year with its weekday and month", () => {
    for (let i = 0; i < 400; i++) {
      const date = addDays("2025-12-01", i);
      const luxon = DateTime.fromISO(date, { zone: "UTC" }).setLocale("en-GB");
      expect(dayHeading(date, "2027-06-15"), date).toBe(luxon.toFormat(luxon.year === 2027 ? "ccc, d LLL" : "ccc, d LLL yyyy"));
    }
  });
});
