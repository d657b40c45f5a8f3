import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { getUserById, registerUser, verifyCredentials } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("registerUser", () => {
  it("stores an argon2id hash, never the password, and returns no hash", async () => {
    const user = await registerUser(t.db, { email: "Carol@Example.com", name: "Carol", password: "carol's passphrase", timezone: "Europe/Berlin", weekStart: 0 });
    expect(user).toMatchObject({ email: "carol@example.com", name: "Carol", timezone: "Europe/Berlin", weekStart: 0, isAdmin: false });
    expect(user).not.toHaveProperty("passwordHash");
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain("passphrase");
  });

  it("refuses a taken email in any letter case with email_taken on the email field", async () => {
    await registerUser(t.db, { email: "dave@example.com", name: "Dave", password: "dave's passphrase" });
    const error = await registerUser(t.db, { email: "DAVE@example.com", name: "Dave 2", password: "another passphrase" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("email_taken");
    expect(error.details.fields.email[0]).toMatch(/already exists/);
  });

  it("lets exactly one of several simultaneous registrations of one email win", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => registerUser(t.db, { email: "race@example.com", name: `Racer ${i}`, password: "racing passphrase" })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect((a.reason as AppError).code).toBe("email_taken");
  });

  it("reports every invalid field at once", async () => {
    const error = await registerUser(t.db, { email: "nope", name: "", password: "123" }).catch((e) => e);
    expect(error.code).toBe("validation_error");
    expect(Object.keys(error.details.fields).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password only", async () => {
    const user = await registerUser(t.db, { email: "erin@example.com", name: "Erin", password: "erin's passphrase" });
    expect((await verifyCredentials(t.db, { email: " ERIN@example.com", password: "erin's passphrase" }))?.id).toBe(user.id);
    expect(await verifyCredentials(t.db, { email: "erin@example.com", password: "erin's passphrasE" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "nobody@example.com", password: "erin's passphrase" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "", password: "" })).toBeNull();
  });

  it("getUserById finds users and nothing else", async () => {
    const user = await registerUser(t.db, { email: "fay@example.com", name: "Fay", password: "fay's passphrase" });
    expect((await getUserById(t.db, user.id))?.email).toBe("fay@example.com");
    expect(await getUserById(t.db, 987654)).toBeNull();
  });
});
