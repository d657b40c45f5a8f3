import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/users";
import { serializeUser, updateSettings, type PublicUser } from "./service";
import type { UpdateSettingsInput } from "./schema";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

async function row(id: number) {
  const [r] = await t.db.select().from(users).where(eq(users.id, id));
  return r;
}

/** The validation error updateSettings throws for this patch (fails the test if it does not throw one). */
async function validationErrorOf(userId: number, patch: UpdateSettingsInput): Promise<Record<string, string[]>> {
  const error = await updateSettings(t.db, userId, patch).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("validation_error");
  return (error as AppError).details.fields ?? {};
}

describe("updateSettings", () => {
  it("persists name, zone, week start and threshold, and leaves other users alone", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const other = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const before = await row(user.id);

    const updated = await updateSettings(t.db, user.id, { name: "  Noor Settings ", timezone: "Asia/Tokyo", week_start: 0, runaway_threshold_minutes: 90 });
    expect(updated).toMatchObject({ id: user.id, name: "Noor Settings", timezone: "Asia/Tokyo", weekStart: 0, runawayThresholdMinutes: 90 });
    expect(updated).not.toHaveProperty("passwordHash");

    const after = await row(user.id);
    expect(after).toMatchObject({ name: "Noor Settings", timezone: "Asia/Tokyo", weekStart: 0, runawayThresholdMinutes: 90, email: user.email });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(await row(other.id)).toMatchObject({ name: other.name, timezone: "Europe/Berlin", weekStart: 1, runawayThresholdMinutes: 600 });
  });

  it("changes only the fields the patch names", async () => {
    const user = await makeUser(t.db, { timezone: "America/Chicago", weekStart: 0 });
    await updateSettings(t.db, user.id, { week_start: 6 });
    expect(await row(user.id)).toMatchObject({ name: user.name, timezone: "America/Chicago", weekStart: 6, runawayThresholdMinutes: 600 });
    // The API's limits are inclusive: 15 minutes and a week.
    await updateSettings(t.db, user.id, { runaway_threshold_minutes: 15 });
    expect((await row(user.id)).runawayThresholdMinutes).toBe(15);
    await updateSettings(t.db, user.id, { runaway_threshold_minutes: 7 * 24 * 60 });
    expect((await row(user.id)).runawayThresholdMinutes).toBe(10_080);
  });

  it.each([
    ["an unknown time zone", { timezone: "Mars/Olympus_Mons" }, "timezone", /Unknown time zone/],
    ["week_start 7", { week_start: 7 }, "week_start", /day of the week/],
    ["week_start -1", { week_start: -1 }, "week_start", /day of the week/],
    ["a threshold under 15 minutes", { runaway_threshold_minutes: 14 }, "runaway_threshold_minutes", /at least 15 minutes/],
    ["a threshold over a week", { runaway_threshold_minutes: 7 * 24 * 60 + 1 }, "runaway_threshold_minutes", /at most a week/],
    ["a fractional threshold", { runaway_threshold_minutes: 30.5 }, "runaway_threshold_minutes", /whole minutes/],
    ["a blank name", { name: "   " }, "name", /Enter your name/],
    ["a maximum session under an hour", { max_entry_minutes: 59 }, "max_entry_minutes", /at least 1 hour/],
    ["a maximum session over 7 days", { max_entry_minutes: 10_081 }, "max_entry_minutes", /at most 168 hours \(7 days\)/],
    ["a currency that is not ISO 4217", { currency: "ABC" }, "currency", /three-letter currency code/],
    ["a currency name instead of its code", { currency: "Euro" }, "currency", /three-letter currency code/],
  ] as const)("refuses %s on that field and changes nothing, not even the valid fields beside it", async (_label, bad, field, message) => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const before = await row(user.id);

    const fields = await validationErrorOf(user.id, { name: "Should Not Stick", ...bad });
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field][0]).toMatch(message);

    expect(await row(user.id)).toEqual(before);
  });

  it("persists the maximum session length and the currency (codes in any case), shown in the API's user", async () => {
    const user = await makeUser(t.db);
    expect([user.maxEntryMinutes, user.currency]).toEqual([1440, "EUR"]);
    const updated = await updateSettings(t.db, user.id, { max_entry_minutes: "2880", currency: " usd " });
    expect([updated.maxEntryMinutes, updated.currency]).toEqual([2880, "USD"]);
    expect(serializeUser(updated)).toMatchObject({ max_entry_minutes: 2880, currency: "USD" });
    expect(await row(user.id)).toMatchObject({ maxEntryMinutes: 2880, currency: "USD", runawayThresholdMinutes: 600 });
  });

  it("treats an empty patch as no change (not even updated_at)", async () => {
    const user = await makeUser(t.db, { timezone: "Asia/Kolkata", weekStart: 1 });
    const before = await row(user.id);
    const result: PublicUser = await updateSettings(t.db, user.id, {});
    expect(result).toMatchObject({ id: user.id, name: user.name, timezone: "Asia/Kolkata", weekStart: 1, runawayThresholdMinutes: 600 });
    expect(await row(user.id)).toEqual(before);
  });

  it("says not_found for a user that does not exist", async () => {
    const error = await updateSettings(t.db, 987_654, { name: "Ghost" }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("not_found");
  });
});
