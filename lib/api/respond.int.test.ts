import util from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { errorForLog, errorMessageForRecord } from "@/lib/errors";
import { unexpectedErrorResponse } from "./respond";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const SECRET = "tt_S3cretS3cretS3cretS3cretS3cret";

/** What unexpectedErrorResponse writes to the console for `error`, as the terminal would show it. */
function loggedFor(error: unknown): { logged: string; response: Response } {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : util.inspect(a, { depth: 5 }))).join(" "));
  });
  try {
    return { response: unexpectedErrorResponse(error), logged: lines.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

it("a failed query is logged with its statement and SQLSTATE, never the values it carried", async () => {
  // PostgreSQL even quotes the value in its message: invalid input syntax for type integer: "tt_…".
  const error = await t.db.execute(sql`select ${SECRET}::int as n`).catch((e: unknown) => e);
  expect(util.inspect(error, { depth: 5 }), "the premise: the error object carries the value").toContain(SECRET);

  const { logged, response } = loggedFor(error);
  expect(response.status).toBe(500);
  expect(logged).toContain("select $1::int as n");
  expect(logged).toContain("SQLSTATE 22P02");
  expect(logged).toMatch(/request [0-9a-f-]{36} failed/);
  expect(logged).not.toContain(SECRET);
  expect(await response.text()).not.toContain(SECRET);
});

it("a constraint violation: the constraint's name, not the row's values", async () => {
  const row = { email: `${SECRET.toLowerCase()}@example.com`, name: "Secret", passwordHash: SECRET, timezone: "UTC" };
  await t.db.insert(users).values(row);
  const error = await t.db.insert(users).values(row).catch((e: unknown) => e);
  const { logged } = loggedFor(error);
  expect(logged).toContain("SQLSTATE 23505");
  expect(logged).toContain("users_email_key");
  expect(logged).toContain('insert into "users"');
  expect(logged.toLowerCase()).not.toContain(SECRET.toLowerCase());
});

it("other errors keep their message and stack", () => {
  expect(errorForLog(new TypeError("x is not a function"))).toMatch(/^TypeError: x is not a function\n\s+at /);
});

it("a failed query's message, as a sync log or job stores it, has the statement and not the values", async () => {
  const error = await t.db.execute(sql`select ${SECRET}::int as n`).catch((e: unknown) => e);
  const message = errorMessageForRecord(error);
  expect(message).toBe("Failed query (SQLSTATE 22P02): select $1::int as n");
  expect(errorMessageForRecord(new Error("Zoho said no"))).toBe("Zoho said no");
});
