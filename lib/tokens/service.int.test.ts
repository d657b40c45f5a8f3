import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { registerUser } from "@/lib/users/service";
import { createToken } from "./service";
import { hashToken } from "./token";

let t: TestDb;
let userId: number;
beforeAll(async () => {
  t = await createTestDb();
  userId = (await registerUser(t.db, { email: "tok@example.com", name: "Tok", password: "token passphrase" })).id;
});
afterAll(() => t.cleanup());

it("stores only the token's hash and prefix, with its scopes and expiry", async () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const { token, record } = await createToken(t.db, userId, { name: "CI", scopes: ["read:projects", "read:projects", "admin:all"], expiresInDays: 30 }, now);
  expect(record).not.toHaveProperty("tokenHash");
  expect(record.expiresAt?.toISOString()).toBe("2026-07-01T12:00:00.000Z");
  const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
  expect(row.tokenHash).toBe(hashToken(token));
  expect(row.prefix).toBe(token.slice(0, 8));
  expect(row.scopes).toEqual(["read:projects", "admin:all"]);
  expect(JSON.stringify(row)).not.toContain(token);
});

it("refuses unknown scopes and an empty scope list", async () => {
  const unknown = await createToken(t.db, userId, { name: "x", scopes: ["read:everything" as never] }).catch((e) => e);
  expect(unknown.code).toBe("validation_error");
  expect(unknown.details.fields["scopes.0"][0]).toMatch(/Unknown scope/);
  const empty = await createToken(t.db, userId, { name: "x", scopes: [] }).catch((e) => e);
  expect(empty.details.fields.scopes[0]).toBe("Choose at least one scope.");
});
