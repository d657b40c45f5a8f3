import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createEntry } from "@/lib/entries/service";
import { AppError } from "@/lib/errors";
import { periodOverview } from "@/lib/reports/overview";
import { makeUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import { databaseKnowsZone, sqlTimeZone } from "./database-zones";
import { isValidTimeZone } from "./schema";
import { getUserById, updateSettings } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

// Node still knows this link (tzdata removed it in 2020b); PostgreSQL's zone data does not.
const NODE_ONLY = "US/Pacific-New";

describe("time zones must be known to the database as well as to Node", () => {
  it("the premise: Node accepts US/Pacific-New, the database does not", async () => {
    expect(isValidTimeZone(NODE_ONLY)).toBe(true);
    expect(await databaseKnowsZone(t.db, NODE_ONLY)).toBe(false);
    expect(await databaseKnowsZone(t.db, "Europe/Berlin")).toBe(true);
    expect(await databaseKnowsZone(t.db, "europe/berlin")).toBe(true);
    expect(await databaseKnowsZone(t.db, "UTC")).toBe(true);
  });

  it("updateSettings refuses such a zone with a field error and keeps the old one", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const error = await updateSettings(t.db, user.id, { timezone: NODE_ONLY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_error");
    expect(Object.keys((error as AppError).details.fields ?? {})).toEqual(["timezone"]);
    expect((await getUserById(t.db, user.id))?.timezone).toBe("Europe/Berlin");
    expect((await updateSettings(t.db, user.id, { timezone: "America/Los_Angeles" })).timezone).toBe("America/Los_Angeles");
  });

  it("registration falls back to UTC for it, as for an unknown zone", async () => {
    expect((await makeUser(t.db, { timezone: NODE_ONLY })).timezone).toBe("UTC");
  });

  it("an overview for a user whose stored zone the database does not know uses its canonical name, never fails", async () => {
    const user = await makeUser(t.db, { timezone: "America/Los_Angeles" });
    await createEntry(t.db, user, { notes: "late", start_time: "2026-06-15T23:00", end_time: "2026-06-16T01:00" });
    const period = periodOf("week", "2026-06-17", "America/Los_Angeles", 1);
    const now = new Date("2026-07-01T12:00:00Z"); // one clock for both, so as_of agrees
    const expected = await periodOverview(t.db, user, period, now);
    // Stored before zones were checked against the database.
    await t.db.update(users).set({ timezone: NODE_ONLY }).where(eq(users.id, user.id));
    const stored = (await getUserById(t.db, user.id))!;
    expect(stored.timezone).toBe(NODE_ONLY);
    const o = await periodOverview(t.db, { ...user, ...stored }, periodOf("week", "2026-06-17", stored.timezone, 1), now);
    expect(o).toEqual(expected);
    expect(o.days.slice(0, 2).map((d) => d.seconds)).toEqual([3600, 3600]);
  });

  it("a zone neither the database nor its canonical name knows is a 400 that says what to do", async () => {
    const error = await sqlTimeZone(t.db, "Not/A_Zone").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toContain("choose another one in Settings");
  });
});
