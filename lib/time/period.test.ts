import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatClock, formatTotal, toHours } from "./format";
import { addDays, isValidLocalDate, parseDateTimeInput, startOfLocalDay, periodOf, shiftPeriod, splitByLocalDay, todayIn, toLocalParts } from "./period";

describe("today in the user's zone", () => {
  const instant = new Date("2026-03-10T03:30:00Z");
  it("is yesterday in Los Angeles and today in Berlin at 03:30 UTC", () => {
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-03-09");
    expect(todayIn("Europe/Berlin", instant)).toBe("2026-03-10");
    expect(todayIn("Pacific/Kiritimati", new Date("2026-03-10T11:00:00Z"))).toBe("2026-03-11");
  });
});

describe("weeks", () => {
  // 2026-11-19 is a Thursday.
  it("start on Monday or on Sunday as the user chose", () => {
    const monday = periodOf("week", "2026-11-19", "UTC", 1);
    expect([monday.start, monday.end]).toEqual(["2026-11-16", "2026-11-23"]);
    const sunday = periodOf("week", "2026-11-19", "UTC", 0);
    expect([sunday.start, sunday.end]).toEqual(["2026-11-15", "2026-11-22"]);
    expect(sunday.days).toHaveLength(7);
    expect(periodOf("week", "2026-11-15", "UTC", 0).start).toBe("2026-11-15"); // a Sunday opens its own week
    expect(periodOf("week", "2026-11-15", "UTC", 1).start).toBe("2026-11-09"); // ...or closes the Monday week
    expect(periodOf("week", "2026-11-19", "UTC", 6).start).toBe("2026-11-14"); // Saturday starts
  });

  it("cross years and months", () => {
    const p = periodOf("week", "2027-01-01", "UTC", 1);
    expect([p.start, p.end]).toEqual(["2026-12-28", "2027-01-04"]);
  });

  it("begin at local midnight, so their instants depend on the zone", () => {
    const p = periodOf("week", "2026-11-19", "America/New_York", 1);
    expect(p.from.toISOString()).toBe("2026-11-16T05:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-11-23T05:00:00.000Z");
  });

  it("containing a DST change are 167 or 169 hours long", () => {
    // Europe moves clocks forward on 2026-03-29 and back on 2026-10-25 (both Sundays).
    const spring = periodOf("week", "2026-03-27", "Europe/Berlin", 1);
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    const autumn = periodOf("week", "2026-10-25", "Europe/Berlin", 1);
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(169);
  });
});

describe("days and months", () => {
  it("a DST day has 23 or 25 hours", () => {
    const short = periodOf("day", "2026-03-08", "America/New_York", 0);
    expect((short.to.getTime() - short.from.getTime()) / 3_600_000).toBe(23);
    const long = periodOf("day", "2026-11-01", "America/New_York", 0);
    expect((long.to.getTime() - long.from.getTime()) / 3_600_000).toBe(25);
  });

  it("months have their own lengths, leap years included", () => {
    expect(periodOf("month", "2028-02-10", "UTC", 1).days).toHaveLength(29);
    expect(periodOf("month", "2026-02-10", "UTC", 1).days).toHaveLength(28);
    const dec = periodOf("month", "2026-12-31", "Asia/Tokyo", 1);
    expect([dec.start, dec.end, dec.from.toISOString()]).toEqual(["2026-12-01", "2027-01-01", "2026-11-30T15:00:00.000Z"]);
  });

  it("shift back and forth", () => {
    const week = periodOf("week", "2026-11-19", "UTC", 1);
    expect(shiftPeriod(week, -1, "UTC", 1).start).toBe("2026-11-09");
    expect(shiftPeriod(week, 6, "UTC", 1).start).toBe("2026-12-28");
    const jan = periodOf("month", "2026-01-31", "UTC", 1);
    expect(shiftPeriod(jan, 1, "UTC", 1).start).toBe("2026-02-01");
    expect(shiftPeriod(jan, -1, "UTC", 1).start).toBe("2025-12-01");
    expect(shiftPeriod(periodOf("day", "2026-03-01", "UTC", 1), -1, "UTC", 1).start).toBe("2026-02-28");
  });

  it("refuse dates that do not exist", () => {
    expect(() => periodOf("day", "2026-02-30", "UTC", 1)).toThrow(RangeError);
    expect(() => periodOf("day", "yesterday", "UTC", 1)).toThrow(RangeError);
  });
});

describe("sessions across midnight", () => {
  it("count toward each day for the part inside it", () => {
    const parts = splitByLocalDay(new Date("2026-05-01T21:30:00Z"), new Date("2026-05-02T01:15:00Z"), "UTC");
    expect(parts).toEqual([
      { date: "2026-05-01", seconds: 2.5 * 3600 },
      { date: "2026-05-02", seconds: 1.25 * 3600 },
    ]);
  });

  it("split at local midnight, not UTC midnight", () => {
    // 22:00-02:00 in Berlin (UTC+2 in May) is 20:00-00:00 UTC: one UTC day, two local ones.
    const parts = splitByLocalDay(new Date("2026-05-01T20:00:00Z"), new Date("2026-05-02T00:00:00Z"), "Europe/Berlin");
    expect(parts).toEqual([
      { date: "2026-05-01", seconds: 7200 },
      { date: "2026-05-02", seconds: 7200 },
    ]);
  });

  it("on the night clocks go back, count the repeated hour", () => {
    // 2026-10-25 in Berlin: 00:00 local is 22:00Z the day before, 04:00 local is 03:00Z: 5 real hours.
    const parts = splitByLocalDay(new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T03:00:00Z"), "Europe/Berlin");
    expect(parts).toEqual([{ date: "2026-10-25", seconds: 5 * 3600 }]);
  });
});

describe("reading date-times", () => {
  it("takes an offset as given and a bare time as the user's wall clock", () => {
    expect(parseDateTimeInput("2026-07-01T09:00:00Z", "Asia/Tokyo")?.toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(parseDateTimeInput("2026-07-01T09:00:00+02:00", "Asia/Tokyo")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(parseDateTimeInput("2026-07-01T09:00", "Asia/Tokyo")?.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(parseDateTimeInput("2026-07-01 09:00:30", "UTC")?.toISOString()).toBe("2026-07-01T09:00:30.000Z");
    expect(parseDateTimeInput("2026-07-01", "America/New_York")?.toISOString()).toBe("2026-07-01T04:00:00.000Z");
  });

  it("moves a wall-clock time inside a DST gap forward, and refuses nonsense", () => {
    // 02:30 does not exist in New York on 2026-03-08.
    expect(parseDateTimeInput("2026-03-08T02:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
    for (const bad of ["", "tomorrow", "2026-13-01", "2026-02-30T10:00", "2026-07-01T25:00", "1719824400"]) {
      expect(parseDateTimeInput(bad, "UTC")).toBeNull();
    }
  });

  it("refuses years the database or date arithmetic cannot hold (year 0, five-digit years)", () => {
    for (const bad of ["0000-01-01T00:00Z", "0000-01-01", "1899-12-31T23:59", "9999-12-31", "3000-01-01T00:00Z"]) {
      expect(parseDateTimeInput(bad, "UTC")).toBeNull();
    }
    expect(isValidLocalDate("0001-01-01")).toBe(false);
    expect(isValidLocalDate("9999-12-31")).toBe(false);
    expect(isValidLocalDate("1900-01-01")).toBe(true);
    expect(parseDateTimeInput("2999-12-31T23:59", "UTC")?.toISOString()).toBe("2999-12-31T23:59:00.000Z");
  });

  it("gives forms the local date and time of an instant", () => {
    expect(toLocalParts(new Date("2026-07-01T23:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-07-02", time: "01:30" });
  });
});

describe("formatting", () => {
  it("shows clocks and totals", () => {
    expect(formatClock(0)).toBe("0:00:00");
    expect(formatClock(3 * 3600 + 5 * 60 + 9)).toBe("3:05:09");
    expect(formatClock(27 * 3600)).toBe("27:00:00");
    expect(formatTotal(7 * 3600 + 5 * 60 + 59)).toBe("7h 05m");
    expect(formatTotal(45 * 60)).toBe("45m");
    expect(toHours(5400)).toBe(1.5);
  });
});

describe("local dates without Luxon (the report's hot path) agree with Luxon", () => {
  const luxonValid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && Number(d.slice(0, 4)) >= 1900 && Number(d.slice(0, 4)) <= 2999 && DateTime.fromISO(d).isValid;
  const luxonAddDays = (d: string, n: number) => DateTime.fromISO(d, { zone: "UTC" }).plus({ days: n }).toISODate();

  it("accepts exactly the real calendar days of the accepted years (leap years, month ends)", () => {
    const candidates: string[] = ["", "2026-1-01", "2026-01-1", "2026-01-01T00:00", " 2026-01-01", "abcd-ef-gh", "1899-12-31", "3000-01-01"];
    for (const year of [1900, 1904, 1999, 2000, 2024, 2026, 2100, 2400, 2999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) candidates.push(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
      }
    }
    for (const d of candidates) expect(isValidLocalDate(d), d).toBe(luxonValid(d));
    expect(isValidLocalDate("2024-02-29")).toBe(true);
    expect(isValidLocalDate("2100-02-29")).toBe(false);
  });

  it("adds days across month, year and leap-day boundaries as Luxon does", () => {
    for (const d of ["1900-01-01", "1900-02-28", "2000-02-28", "2024-02-28", "2026-03-29", "2026-10-31", "2026-12-31", "2999-12-31"]) {
      for (const n of [-400, -366, -31, -29, -1, 0, 1, 2, 29, 30, 31, 365, 366, 1000]) expect(addDays(d, n), `${d} ${n}`).toBe(luxonAddDays(d, n));
    }
    expect(addDays("2026-02-30", 1)).toBe(luxonAddDays("2026-02-30", 1)); // not a date: Luxon's answer
  });

  it("gives local midnight, also on DST days, the same from its cache, and a Date callers may change", () => {
    expect(startOfLocalDay("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfLocalDay("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // Midnight skipped by DST (Santiago, 2026-09-06): the first valid time.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe(DateTime.fromISO("2026-09-06", { zone: "America/Santiago" }).startOf("day").toJSDate().toISOString());
    const first = startOfLocalDay("2026-11-01", "America/New_York");
    first.setTime(0);
    expect(startOfLocalDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(() => startOfLocalDay("2026-02-30", "UTC")).toThrow(RangeError);
  });
});
