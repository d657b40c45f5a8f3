import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { openDatabase } from "@/db";
import { createTestDb, type TestDb } from "@/db/testing";
import { unexpectedErrorResponse } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { loginForToken } from "@/lib/tokens/login";
import { registerUser } from "@/lib/users/service";
import { isDatabaseUnavailable } from "./database-unavailable";

let t: TestDb;
const person = { email: "stopping@example.com", name: "Stopping", password: "a fine passphrase" };
beforeAll(async () => {
  t = await createTestDb();
  await registerUser(t.db, person);
});
afterAll(() => t.cleanup().catch(() => {}));

/** What the API answers (and logs) for an error that is not an AppError. */
async function answerFor(error: unknown) {
  const logged: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
  try {
    const response = unexpectedErrorResponse(error);
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json(), logged: logged.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

it("a query that fails on the data (a bad value, a broken constraint) is not 'unavailable'", async () => {
  const error = await registerUser(t.db, person).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError); // email_taken, from the unique index
  const raw = await t.db.execute("select 'x'::int").catch((e: unknown) => e);
  expect(isDatabaseUnavailable(raw)).toBe(false);
  expect((await answerFor(raw)).status).toBe(500);
});

it("a database that cannot be reached answers 503 'Stint is not available right now', not a 500", async () => {
  const nowhere = openDatabase({ url: "postgres://stint:secret-pw@127.0.0.1:1/nowhere" });
  try {
    const error = await loginForToken(nowhere.db, person, "203.0.113.9").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    const answer = await answerFor(error);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: "Stint is not available right now. Try again in a minute.", message: "Stint is not available right now. Try again in a minute.", error_code: "unavailable" });
    expect(answer.retryAfter).toBe("30");
    expect(answer.logged).toBe("[api] the database is not available (ECONNREFUSED)");
  } finally {
    await nowhere.close();
  }
});

it("a password sign-in while the database is closing answers 503, never 'invalid credentials'", async () => {
  // The right password works while the database is open...
  const ok = await loginForToken(t.db, person, "203.0.113.10");
  expect(ok.user.email).toBe(person.email);
  // ...and once it is closed (the server stopping), the same sign-in is refused as unavailable.
  await t.close();
  const error = await loginForToken(t.db, person, "203.0.113.10").catch((e: unknown) => e);
  expect(error instanceof AppError && error.code === "invalid_credentials").toBe(false);
  expect(isDatabaseUnavailable(error)).toBe(true);
  const answer = await answerFor(error);
  expect(answer.status).toBe(503);
  expect(answer.body.message).toBe("Stint is not available right now. Try again in a minute.");
});
