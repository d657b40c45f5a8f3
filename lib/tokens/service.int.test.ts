import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { registerUser } from "@/lib/users/service";
import { authenticateToken } from "./authenticate";
import { createToken, listTokens, revokeToken } from "./service";
import { hashToken } from "./token";

let t: TestDb;
let userId: number;
beforeAll(async () => {
  t = await createTestDb();
  userId = (await registerUser(t.db, { email: "tok@example.com", name: "Tok", password: "token passphrase" }, { isAdmin: true })).id;
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

it("gives admin:all only to an admin's tokens", async () => {
  const plain = (await registerUser(t.db, { email: "plain@example.com", name: "Plain", password: "plain passphrase" })).id;
  const refused = await createToken(t.db, plain, { name: "x", scopes: ["admin:all"] }).catch((e) => e);
  expect(refused.details.fields.scopes).toEqual(["Only an admin's token can have admin:all."]);
  const ok = await createToken(t.db, plain, { name: "x", scopes: ["read:projects"] });
  expect(ok.record.scopes).toEqual(["read:projects"]);
});

it("lists live tokens without secrets and revokes them for good", async () => {
  const { token, record } = await createToken(t.db, userId, { name: "To revoke", scopes: ["read:users"] });
  expect((await listTokens(t.db, userId)).map((r) => r.id)).toContain(record.id);
  expect(JSON.stringify(await listTokens(t.db, userId))).not.toContain(token);
  await revokeToken(t.db, userId, record.id);
  expect((await listTokens(t.db, userId)).map((r) => r.id)).not.toContain(record.id);
  expect((await authenticateToken(t.db, token).catch((e) => e)).code).toBe("unauthorized");
  expect((await revokeToken(t.db, userId, record.id).catch((e) => e)).code).toBe("not_found");
});

it("authenticates a live token, and refuses an expired or malformed one", async () => {
  const { token, record } = await createToken(t.db, userId, { name: "Short", scopes: ["read:users"], expiresInDays: 1 });
  const identity = await authenticateToken(t.db, token);
  expect(identity).toMatchObject({ userId, tokenId: record.id, scopes: ["read:users"], user: { id: userId } });
  expect(identity.user).not.toHaveProperty("passwordHash");
  expect((await authenticateToken(t.db, token, new Date(Date.now() + 2 * 86_400_000)).catch((e) => e)).code).toBe("unauthorized");
  expect((await authenticateToken(t.db, "tt_short").catch((e) => e)).code).toBe("unauthorized");
  expect((await authenticateToken(t.db, token.slice(0, -1) + (token.endsWith("a") ? "b" : "a")).catch((e) => e)).code).toBe("unauthorized");
});
