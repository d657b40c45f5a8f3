import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/testing/random";
import { isoFromMs, msFromEpochSeconds } from "./iso";

describe("isoFromMs", () => {
  it("writes what Date#toISOString writes: leap days, century years, the epoch, before 1970, year ends", () => {
    const instants = ["1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z", "1900-03-01T00:00:00.001Z", "2100-02-28T23:59:59.999Z", "2024-12-31T23:59:59.999Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"];
    for (const iso of instants) expect(isoFromMs(Date.parse(iso))).toBe(iso);
  });

  it("agrees with Date#toISOString on 20,000 random instants from 1800 to 2200", () => {
    const random = seededRandom(11);
    const from = Date.parse("1800-01-01T00:00:00Z");
    const to = Date.parse("2200-01-01T00:00:00Z");
    for (let i = 0; i < 20_000; i++) {
      const ms = from + Math.floor(random() * (to - from));
      expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe("msFromEpochSeconds", () => {
  it("keeps whole microseconds and cuts them to milliseconds as a Date does, for instants near 1970 and today", () => {
    // date_part('epoch', …) of .999999 and .0007 seconds past a minute, as float8 texts PostgreSQL writes.
    expect(msFromEpochSeconds(1783501200.999999)).toBe(Date.parse("2026-07-08T09:00:00.999Z"));
    expect(msFromEpochSeconds(1783497600.0007)).toBe(Date.parse("2026-07-08T08:00:00.000Z"));
    expect(msFromEpochSeconds(0.001)).toBe(1);
  });
});
