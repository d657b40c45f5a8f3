import { describe, expect, it } from "vitest";
import { resetInMs } from "./client";
import { teamleader } from "./index";
import { crossesMidnight, isoInZone, taskSubject } from "./map";

describe("Teamleader's dialect", () => {
  it("X-RateLimit-Reset is an ISO date with an offset without a colon, not seconds", () => {
    const now = Date.parse("2021-06-15T09:51:20.035Z");
    expect(resetInMs("2021-06-15T10:51:23.035+0100", now)).toBe(3000);
    expect(resetInMs("2021-06-15T09:51:21.035Z", now)).toBe(1000);
    expect(resetInMs("60", now)).toBeUndefined();
    expect(resetInMs(null, now)).toBeUndefined();
  });

  it("the connection's bucket never allows more than Teamleader's 200 requests in any minute", () => {
    const { burst, perSecond } = teamleader.rateLimit;
    expect(burst + perSecond * 60).toBeLessThanOrEqual(200);
  });

  it("writes instants with their offset in the Teamleader user's zone; midnight is counted there", () => {
    expect(isoInZone(new Date("2025-06-10T21:30:00Z"), "Europe/Brussels")).toBe("2025-06-10T23:30:00+02:00");
    expect(crossesMidnight(new Date("2025-06-10T21:30:00Z"), new Date("2025-06-10T22:00:00Z"), "Europe/Brussels")).toBe(false);
    expect(crossesMidnight(new Date("2025-06-10T21:30:00Z"), new Date("2025-06-10T22:00:01Z"), "Europe/Brussels")).toBe(true);
    expect(crossesMidnight(new Date("2025-06-10T21:30:00Z"), new Date("2025-06-10T22:30:00Z"), "UTC")).toBe(false);
  });

  it("a task's remote id names its subject type", () => {
    expect(taskSubject("nextgenTask:abc")).toEqual({ type: "nextgenTask", id: "abc" });
    expect(taskSubject("milestone:def")).toEqual({ type: "milestone", id: "def" });
    expect(taskSubject("abc")).toBeNull();
  });
});
