import { describe, expect, it } from "vitest";
import { describeMinutes, groupTimeZones, hoursToMinutes, minutesToHours, supportedTimeZones, utcOffset, zoneLabel } from "./time-zones";

const JAN = new Date("2025-01-15T12:00:00Z");
const JUL = new Date("2025-07-15T12:00:00Z");

describe("time zone options", () => {
  it("lists the runtime's IANA zones plus UTC", () => {
    const zones = supportedTimeZones();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Asia/Tokyo");
    expect(zones).toContain("America/New_York");
    expect(zones.length).toBeGreaterThan(300);
  });

  it("labels offsets as UTC±hh:mm, following daylight saving time", () => {
    expect(utcOffset("Asia/Tokyo", JAN)).toBe("UTC+09:00");
    expect(utcOffset("Asia/Kolkata", JAN)).toBe("UTC+05:30");
    expect(utcOffset("Europe/Berlin", JAN)).toBe("UTC+01:00");
    expect(utcOffset("Europe/Berlin", JUL)).toBe("UTC+02:00");
    expect(utcOffset("America/St_Johns", JAN)).toBe("UTC-03:30");
    expect(utcOffset("UTC", JAN)).toBe("UTC+00:00");
    expect(utcOffset("Europe/London", JAN)).toBe("UTC+00:00");
    expect(utcOffset("Mars/Olympus", JAN)).toBe("");
  });

  it("names a zone without its region, with spaces", () => {
    expect(zoneLabel("America/Argentina/Buenos_Aires")).toBe("Argentina / Buenos Aires");
    expect(zoneLabel("Asia/Tokyo")).toBe("Tokyo");
    expect(zoneLabel("UTC")).toBe("UTC");
  });

  it("groups by region in alphabetical order with Other last, sorted, without duplicates", () => {
    const groups = groupTimeZones(["Europe/Berlin", "UTC", "Asia/Tokyo", "Europe/Amsterdam", "Asia/Tokyo", "America/New_York"], JAN);
    expect(groups.map((g) => g.region)).toEqual(["America", "Asia", "Europe", "Other"]);
    expect(groups[2].zones).toEqual([
      { value: "Europe/Amsterdam", label: "Amsterdam (UTC+01:00)" },
      { value: "Europe/Berlin", label: "Berlin (UTC+01:00)" },
    ]);
    expect(groups[1].zones).toEqual([{ value: "Asia/Tokyo", label: "Tokyo (UTC+09:00)" }]);
    expect(groups[3].zones).toEqual([{ value: "UTC", label: "UTC" }]);
  });

  it("puts every supported zone in exactly one group", () => {
    const zones = new Set(supportedTimeZones());
    const grouped = groupTimeZones(zones, JAN).flatMap((g) => g.zones.map((z) => z.value));
    expect(grouped.length).toBe(zones.size);
    expect(new Set(grouped)).toEqual(zones);
  });
});

describe("threshold in hours", () => {
  it.each([
    ["10", 600],
    ["1.5", 90],
    ["0.25", 15],
    ["0.1", 6],
    [" 2,5 ", 150],
    [".5", 30],
    ["168", 10_080],
    ["10.33", 620],
  ])("%j hours is %i minutes", (hours, minutes) => {
    expect(hoursToMinutes(hours)).toBe(minutes);
  });

  it.each(["", "  ", "abc", "-1", "1e3", "1.2.3", "ten"])("%j is not a number of hours", (input) => {
    expect(hoursToMinutes(input)).toBeNull();
  });

  it("shows minutes as hours with at most two decimals, and back in words", () => {
    expect(minutesToHours(600)).toBe("10");
    expect(minutesToHours(90)).toBe("1.5");
    expect(minutesToHours(100)).toBe("1.67");
    expect(minutesToHours(15)).toBe("0.25");
    expect(describeMinutes(600)).toBe("10 h");
    expect(describeMinutes(90)).toBe("1 h 30 min");
    expect(describeMinutes(6)).toBe("6 min");
  });
});
