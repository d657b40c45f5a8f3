import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { hitRateLimit, peekRateLimit } from "./rate-limit";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

it("counts every request exactly, even when they arrive at once, and refuses past the limit", async () => {
  const now = new Date("2026-05-05T10:00:30Z");
  const results = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(t.db, "token:1", { perMinute: 10, perHour: 100 }, now)));
  const refused = results.filter((r) => r.retryAfterSeconds !== null);
  expect(refused).toHaveLength(2);
  expect(refused[0]).toMatchObject({ limit: 10, remaining: 0, window: "minute", retryAfterSeconds: 30 });
  expect(Math.min(...results.map((r) => r.remaining))).toBe(0);
  // The next minute starts afresh; the hour keeps counting.
  const next = await hitRateLimit(t.db, "token:1", { perMinute: 10, perHour: 100 }, new Date("2026-05-05T10:01:00Z"));
  expect(next).toMatchObject({ remaining: 9, retryAfterSeconds: null });
});

it("applies the hourly limit too, and keeps buckets apart", async () => {
  const limits = { perMinute: 100, perHour: 3 };
  for (let minute = 0; minute < 3; minute++) await hitRateLimit(t.db, "token:2", limits, new Date(`2026-05-05T11:0${minute}:00Z`));
  const fourth = await hitRateLimit(t.db, "token:2", limits, new Date("2026-05-05T11:30:00Z"));
  expect(fourth).toMatchObject({ window: "hour", retryAfterSeconds: 1800 });
  expect((await hitRateLimit(t.db, "token:3", limits, new Date("2026-05-05T11:30:00Z"))).retryAfterSeconds).toBeNull();
});

it("peekRateLimit counts nothing and says how long a used-up bucket must wait", async () => {
  const limits = { perMinute: 2, perHour: 100 };
  const now = new Date("2026-05-05T12:00:45Z");
  expect(await peekRateLimit(t.db, "sign-in:x", limits, now)).toBeNull();
  await hitRateLimit(t.db, "sign-in:x", limits, now);
  expect(await peekRateLimit(t.db, "sign-in:x", limits, now)).toBeNull();
  await hitRateLimit(t.db, "sign-in:x", limits, now);
  expect(await peekRateLimit(t.db, "sign-in:x", limits, now)).toBe(15);
  expect(await peekRateLimit(t.db, "sign-in:x", limits, new Date("2026-05-05T12:01:00Z"))).toBeNull();
});
