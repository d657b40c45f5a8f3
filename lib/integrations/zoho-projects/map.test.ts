import { describe, expect, it } from "vitest";
import type { SyncEntry } from "../types";
import { durationMinutes, generalLogName, hhmm, isComplete, logForm, parseHhmm, zohoDate } from "./map";

const at = (iso: string) => new Date(iso);
const entry = (over: Partial<SyncEntry> = {}): SyncEntry => ({
  id: 1,
  description: "Write the sync engine",
  startAt: at("2025-06-10T08:00:00Z"),
  endAt: at("2025-06-10T09:35:00Z"),
  billable: true,
  remoteProjectId: "1752587000000012345",
  remoteTaskId: null,
  timezone: "Europe/Berlin",
  ...over,
});

describe("zohoDate: the day of the entry's start in the portal's zone, as MM-DD-YYYY", () => {
  it("uses the portal's zone around midnight, not UTC", () => {
    expect(zohoDate(at("2025-01-15T07:59:00Z"), "America/Los_Angeles")).toBe("01-14-2025");
    expect(zohoDate(at("2025-01-15T08:00:00Z"), "America/Los_Angeles")).toBe("01-15-2025");
    expect(zohoDate(at("2025-01-14T10:00:00Z"), "Pacific/Kiritimati")).toBe("01-15-2025");
    expect(zohoDate(at("2025-01-14T23:30:00Z"), "UTC")).toBe("01-14-2025");
  });

  it("follows DST changes of the portal's zone", () => {
    // Berlin: CET (+1) until 2025-03-30 01:00Z, then CEST (+2) until 2025-10-26 01:00Z.
    expect(zohoDate(at("2025-03-29T22:59:00Z"), "Europe/Berlin")).toBe("03-29-2025");
    expect(zohoDate(at("2025-03-29T23:00:00Z"), "Europe/Berlin")).toBe("03-30-2025");
    expect(zohoDate(at("2025-10-25T21:59:00Z"), "Europe/Berlin")).toBe("10-25-2025");
    expect(zohoDate(at("2025-10-25T22:00:00Z"), "Europe/Berlin")).toBe("10-26-2025");
    expect(zohoDate(at("2025-10-26T22:59:00Z"), "Europe/Berlin")).toBe("10-26-2025");
    expect(zohoDate(at("2025-10-26T23:00:00Z"), "Europe/Berlin")).toBe("10-27-2025");
  });

  it("an entry crossing midnight belongs to the day it started", () => {
    const f = logForm(entry({ startAt: at("2025-06-10T21:30:00Z"), endAt: at("2025-06-10T23:00:00Z") }), "Europe/Berlin");
    expect(f.date).toBe("06-10-2025"); // 23:30 to 01:00 Berlin time
    expect(f.hours).toBe("01:30");
  });
});

describe("hours as hh:mm of rounded minutes", () => {
  it("formats minutes", () => {
    expect(hhmm(95)).toBe("01:35");
    expect(hhmm(0)).toBe("00:00");
    expect(hhmm(600)).toBe("10:00");
    expect(hhmm(7500)).toBe("125:00");
    expect(parseHhmm("01:35")).toBe(95);
    expect(parseHhmm("1.5")).toBeNull();
  });

  it("rounds to the nearest minute", () => {
    const start = at("2025-06-10T08:00:00Z");
    const plus = (ms: number) => new Date(start.getTime() + ms);
    expect(durationMinutes(start, plus(95 * 60_000))).toBe(95);
    expect(durationMinutes(start, plus(95 * 60_000 + 29_999))).toBe(95);
    expect(durationMinutes(start, plus(95 * 60_000 + 30_000))).toBe(96);
    expect(durationMinutes(start, plus(29_000))).toBe(0);
  });

  it("counts elapsed time across a DST change, not wall-clock difference", () => {
    // 01:30 CET to 03:30 CEST on 2025-03-30 is one hour.
    const f = logForm(entry({ startAt: at("2025-03-30T00:30:00Z"), endAt: at("2025-03-30T01:30:00Z") }), "Europe/Berlin");
    expect(f).toMatchObject({ date: "03-30-2025", hours: "01:00" });
  });
});

describe("logForm", () => {
  it("a task log: date, hours, bill status and the description as notes, no name", () => {
    expect(logForm(entry({ remoteTaskId: "1752587000000099999", description: "  Review  " }), "UTC")).toEqual({
      date: "06-10-2025",
      hours: "01:35",
      bill_status: "Billable",
      notes: "Review",
    });
  });

  it("a general log also needs a name, from the description", () => {
    expect(logForm(entry({ billable: false }), "UTC")).toEqual({
      date: "06-10-2025",
      hours: "01:35",
      bill_status: "Non Billable",
      notes: "Write the sync engine",
      name: "Write the sync engine",
    });
  });

  it("a general log's name is one line of at most 100 characters", () => {
    expect(generalLogName("Call with\n  the client")).toBe("Call with the client");
    const long = generalLogName("x".repeat(150));
    expect(Array.from(long)).toHaveLength(100);
    expect(long.endsWith("…")).toBe(true);
    expect(Array.from(generalLogName("😀".repeat(120)))).toHaveLength(100);
  });
});

describe("isComplete", () => {
  it("a stopped, described entry with a Zoho project is complete", () => {
    expect(isComplete(entry())).toEqual({ ok: true });
    expect(isComplete(entry({ endAt: at("2025-06-10T08:01:00Z") }))).toEqual({ ok: true });
  });

  it("says what is missing, most basic first", () => {
    expect(isComplete(entry({ remoteProjectId: null, endAt: null, description: "" }))).toEqual({ ok: false, reason: "Needs a Zoho project" });
    expect(isComplete(entry({ endAt: null, description: "" }))).toEqual({ ok: false, reason: "Still running" });
    expect(isComplete(entry({ description: "  \n " }))).toEqual({ ok: false, reason: "Needs a description" });
    expect(isComplete(entry({ endAt: at("2025-06-10T08:00:59Z") }))).toEqual({ ok: false, reason: "Too short to send (under a minute)" });
    expect(isComplete(entry({ endAt: at("2025-06-10T08:00:20Z") }))).toEqual({ ok: false, reason: "Too short to send (under a minute)" });
  });
});
