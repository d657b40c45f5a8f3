import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { localDate, timeOfDay } from "./display";
import { dayHeading, startedAt } from "./headings";
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

  it("agrees with Luxon on every hour around each zone's changes of offset, odd historical offsets too", () => {
    // The offsets are remembered per UTC hour: hours with a change in them (Lord Howe's half-hour change,
    // Monrovia's -0:44:30 until 1972, Amsterdam's +0:19:32) must still read each instant exactly.
    const cases: [string, string][] = [
      ["Australia/Lord_Howe", "2026-04-04T14:00:00Z"],
      ["Australia/Lord_Howe", "2026-10-03T15:00:00Z"],
      ["Africa/Monrovia", "1972-01-06T23:00:00Z"],
      ["Europe/Amsterdam", "1937-06-30T23:00:00Z"],
      ["Europe/Berlin", "2026-03-29T00:00:00Z"],
      ["America/Santiago", "2026-04-05T02:00:00Z"],
    ];
    for (const [tz, around] of cases) {
      const from = Date.parse(around) - 3 * 3_600_000;
      for (let ms = from; ms < from + 6 * 3_600_000; ms += 7 * 60_000 + 13_000) {
        const dt = DateTime.fromMillis(ms, { zone: tz });
        const at = new Date(ms);
        expect(localDate(at, tz), `${at.toISOString()} ${tz}`).toBe(dt.toISODate());
        expect(timeOfDay(at.toISOString(), tz), `${at.toISOString()} ${tz}`).toBe(dt.toFormat("HH:mm"));
      }
    }
  });
});
