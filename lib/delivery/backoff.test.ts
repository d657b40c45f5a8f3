import { describe, expect, it } from "vitest";
import { backoffMs, retryAfterMs, retryDelayMs, WEBHOOK_SCHEDULE } from "./backoff";
import { nextStep } from "./outcome";

const MIN = 60_000;
const HOUR = 60 * MIN;
const low = () => 0;
const high = () => 0.999999;

describe("the webhook schedule", () => {
  it("is 1 m, 5 m, 30 m, 2 h, 6 h, 12 h (about a day in all), then nothing: the delivery has failed", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(WEBHOOK_SCHEDULE, n, undefined, mid))).toEqual([MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 6 * HOUR, 12 * HOUR]);
    expect(retryDelayMs(WEBHOOK_SCHEDULE, 7, undefined, mid)).toBeNull();
    const total = [1, 2, 3, 4, 5, 6].reduce((sum, n) => sum + retryDelayMs(WEBHOOK_SCHEDULE, n, undefined, mid)!, 0);
    expect(total).toBeGreaterThan(20 * HOUR);
    expect(total).toBeLessThan(24 * HOUR);
  });

  it("jitters each step within ±10 %", () => {
    for (let n = 1; n <= 6; n++) {
      const step = WEBHOOK_SCHEDULE.stepsMs[n - 1];
      expect(retryDelayMs(WEBHOOK_SCHEDULE, n, undefined, low)).toBeCloseTo(step * 0.9);
      expect(retryDelayMs(WEBHOOK_SCHEDULE, n, undefined, high)).toBeLessThanOrEqual(step * 1.1);
      for (let i = 0; i < 50; i++) {
        const d = retryDelayMs(WEBHOOK_SCHEDULE, n)!;
        expect(d).toBeGreaterThanOrEqual(step * 0.9);
        expect(d).toBeLessThanOrEqual(step * 1.1);
      }
    }
  });

  it("honours a longer Retry-After up to the longest step, and never adds attempts", () => {
    expect(retryDelayMs(WEBHOOK_SCHEDULE, 1, 10 * MIN, low)).toBe(10 * MIN);
    expect(retryDelayMs(WEBHOOK_SCHEDULE, 1, 30 * 24 * HOUR, low)).toBe(12 * HOUR);
    expect(retryDelayMs(WEBHOOK_SCHEDULE, 2, 1_000, low)).toBeCloseTo(5 * MIN * 0.9); // shorter than the step: the step
    expect(retryDelayMs(WEBHOOK_SCHEDULE, 7, 1_000)).toBeNull();
    expect(retryDelayMs({ kind: "schedule", stepsMs: [5], maxRetryAfterMs: HOUR }, 1, 120_000, low)).toBe(120_000);
  });
});

describe("exponential backoff (provider pushes)", () => {
  it("doubles from base up to the cap, each between half and all of it", () => {
    const opts = { baseMs: 1_000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, opts, high))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000].map((x) => expect.closeTo(x, 0)));
    expect([1, 2, 3].map((n) => backoffMs(n, opts, low))).toEqual([500, 1_000, 2_000]);
    expect(retryDelayMs({ kind: "exponential", ...opts }, 50, undefined, low)).toBe(5_000); // never gives up
  });

  it("believes a Retry-After even past the cap", () => {
    expect(backoffMs(1, { baseMs: 1_000, capMs: 10_000, retryAfterMs: 60_000 }, low)).toBe(60_000);
  });
});

describe("Retry-After", () => {
  it("reads seconds or an HTTP date; nothing when absent or unreadable", () => {
    const now = Date.parse("Tue, 10 Jun 2025 08:00:00 GMT");
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "120" } }))).toBe(120_000);
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "Tue, 10 Jun 2025 08:01:00 GMT" } }), now)).toBe(60_000);
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "Tue, 10 Jun 2025 07:00:00 GMT" } }), now)).toBe(0);
    expect(retryAfterMs(new Response(null, { headers: { "Retry-After": "soon" } }))).toBeUndefined();
    expect(retryAfterMs(new Response(null))).toBeUndefined();
  });
});

describe("the next step after an attempt", () => {
  const schedule = { kind: "schedule", stepsMs: [MIN, 5 * MIN] } as const;
  it("success is done; a permanent failure is failed at once; a retry waits its step, then fails", () => {
    expect(nextStep({ kind: "success" }, 1, schedule)).toEqual({ status: "succeeded" });
    expect(nextStep({ kind: "permanent", error: "gone" }, 1, schedule)).toEqual({ status: "failed", error: "gone" });
    expect(nextStep({ kind: "retry", error: "500" }, 2, schedule, 1_000, low)).toEqual({ status: "retrying", delayMs: 5 * MIN * 0.9, nextAttemptAt: new Date(1_000 + 5 * MIN * 0.9) });
    expect(nextStep({ kind: "retry", error: "500" }, 3, schedule)).toEqual({ status: "failed", error: "500" });
    expect(nextStep({ kind: "retry", error: "503", retryAfterMs: 4 * MIN }, 1, schedule, 0, low)).toMatchObject({ status: "retrying", delayMs: 4 * MIN });
  });
});
