import { describe, expect, it } from "vitest";
import { canonicalZone, describeMinutes, groupTimeZones, hoursToMinutes, minutesToHours, supportedTimeZones, utcOffset, ZONE_RENAMES, zoneLabel, zoneMatches } from "./time-zones";

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

  it("lists zones by their current IANA names: Asia/Kolkata, not Asia/Calcutta", () => {
    const zones = supportedTimeZones();
    for (const [old, current] of Object.entries(ZONE_RENAMES)) {
      expect(zones).not.toContain(old);
      if (current !== "UTC") expect(zones, `${old} -> ${current}`).toContain(current);
    }
    expect(zones).toContain("Asia/Kolkata");
    expect(zones).toContain("Europe/Kyiv");
    expect(zones).toContain("Asia/Ho_Chi_Minh");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("canonicalizes renamed zones only; the new names are real zones with the same offset", () => {
    expect(canonicalZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(canonicalZone("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(canonicalZone("Etc/UTC")).toBe("UTC");
    expect(canonicalZone("Europe/Bratislava")).toBe("Europe/Bratislava"); // a link in IANA, but its own city
    expect(canonicalZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    for (const [old, current] of Object.entries(ZONE_RENAMES)) {
      for (const at of [JAN, JUL]) expect(utcOffset(current, at), `${old} -> ${current}`).toBe(utcOffset(old, at));
    }
  });

  it("finds a zone by city, region, former name or offset, ignoring case, accents and underscores", () => {
    const label = (zone: string) => groupTimeZones([zone], JAN)[0].zones[0].label;
    expect(zoneMatches("Asia/Kolkata", "kolkata", label("Asia/Kolkata"))).toBe(true);
    expect(zoneMatches("Asia/Kolkata", "Calcutta", label("Asia/Kolkata"))).toBe(true);
    expect(zoneMatches("Asia/Kolkata", "asia kol", label("Asia/Kolkata"))).toBe(true);
    expect(zoneMatches("Asia/Kolkata", "+05:30", label("Asia/Kolkata"))).toBe(true);
    expect(zoneMatches("America/New_York", "new york", label("America/New_York"))).toBe(true);
    expect(zoneMatches("America/Sao_Paulo", "são paulo", label("America/Sao_Paulo"))).toBe(true);
    expect(zoneMatches("Asia/Tokyo", "utc+9", label("Asia/Tokyo"))).toBe(true);
    expect(zoneMatches("Asia/Tokyo", "kolkata", label("Asia/Tokyo"))).toBe(false);
    expect(zoneMatches("Asia/Tokyo", "  ", label("Asia/Tokyo"))).toBe(true);
    const all = supportedTimeZones();
    expect(all.filter((z) => zoneMatches(z, "calcutta"))).toEqual(["Asia/Kolkata"]);
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
