import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiTokens, workspaceMembers } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { addMember } from "@/lib/testing/members";
import { authenticateToken } from "./authenticate";
import { createToken, listTokens, revokeToken } from "./service";
import { hashToken } from "./token";

let t: TestDb;
let userId: number;
let me: TestUser;
beforeAll(async () => {
  t = await createTestDb();
  me = await makeUser(t.db);
  userId = me.id;
});
afterAll(() => t.cleanup());

it("stores only the token's hash and prefix, with its scopes and expiry", async () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const { token, record } = await createToken(t.db, { userId }, { name: "CI", scopes: ["read:projects", "read:projects", "admin:all"], expiresInDays: 30 }, now);
  expect(record).not.toHaveProperty("tokenHash");
  expect(record.expiresAt?.toISOString()).toBe("2026-07-01T12:00:00.000Z");
  const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, record.id));
  expect(row.tokenHash).toBe(hashToken(token));
  expect(row.prefix).toBe(token.slice(0, 8));
  expect(row.scopes).toEqual(["read:projects", "admin:all"]);
  expect(JSON.stringify(row)).not.toContain(token);
});

it("refuses unknown scopes and an empty scope list", async () => {
  const unknown = await createToken(t.db, { userId }, { name: "x", scopes: ["read:everything" as never] }).catch((e) => e);
  expect(unknown.code).toBe("validation_error");
  expect(unknown.details.fields["scopes.0"][0]).toMatch(/Unknown scope/);
  const empty = await createToken(t.db, { userId }, { name: "x", scopes: [] }).catch((e) => e);
  expect(empty.details.fields.scopes[0]).toBe("Choose at least one scope.");
});

it("gives admin:all only to owners' and admins' tokens, read:team to managers and up, in the member's workspace", async () => {
  const [member, manager] = [await makeUser(t.db), await makeUser(t.db)];
  await addMember(t.db, me.workspaceId, member.id, "member");
  await addMember(t.db, me.workspaceId, manager.id, "manager");
  const refused = await createToken(t.db, { userId: member.id, workspaceId: me.workspaceId }, { name: "x", scopes: ["admin:all", "read:team"] }).catch((e) => e);
  expect(refused.details.fields.scopes).toEqual(["A member's token cannot have admin:all, read:team."]);
  const managers = await createToken(t.db, { userId: manager.id, workspaceId: me.workspaceId }, { name: "x", scopes: ["admin:all"] }).catch((e) => e);
  expect(managers.details.fields.scopes).toEqual(["A manager's token cannot have admin:all."]);
  const team = await createToken(t.db, { userId: manager.id, workspaceId: me.workspaceId }, { name: "x", scopes: ["read:team"] });
  expect(team.record).toMatchObject({ workspaceId: me.workspaceId, scopes: ["read:team"] });
  // Without a workspace: the user's first one (their personal workspace), where they own it.
  const own = await createToken(t.db, { userId: member.id }, { name: "x", scopes: ["admin:all"] });
  expect(own.record.workspaceId).toBe(member.workspaceId);
  // A workspace they are not in: not found.
  expect((await createToken(t.db, { userId: member.id, workspaceId: manager.workspaceId }, { name: "x", scopes: ["read:projects"] }).catch((e) => e)).code).toBe("not_found");
});

it("a token acts as its member with the role they have now: one whose member left answers 401", async () => {
  const leaver = await makeUser(t.db);
  await addMember(t.db, me.workspaceId, leaver.id, "manager");
  const { token } = await createToken(t.db, { userId: leaver.id, workspaceId: me.workspaceId }, { name: "x", scopes: ["read:team"] });
  expect(await authenticateToken(t.db, token)).toMatchObject({ userId: leaver.id, workspaceId: me.workspaceId, role: "manager" });
  await t.db.update(workspaceMembers).set({ role: "member" }).where(and(eq(workspaceMembers.workspaceId, me.workspaceId), eq(workspaceMembers.userId, leaver.id)));
  expect((await authenticateToken(t.db, token)).role).toBe("member");
  await t.db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, me.workspaceId), eq(workspaceMembers.userId, leaver.id)));
  const refused = await authenticateToken(t.db, token).catch((e) => e);
  expect([refused.code, refused.message]).toEqual(["unauthorized", "This token's member has left the workspace."]);
});

it("lists live tokens without secrets and revokes them for good", async () => {
  const { token, record } = await createToken(t.db, { userId }, { name: "To revoke", scopes: ["read:users"] });
  expect((await listTokens(t.db, me)).map((r) => r.id)).toContain(record.id);
  expect(JSON.stringify(await listTokens(t.db, me))).not.toContain(token);
  await revokeToken(t.db, me, record.id);
  expect((await listTokens(t.db, me)).map((r) => r.id)).not.toContain(record.id);
  expect((await authenticateToken(t.db, token).catch((e) => e)).code).toBe("unauthorized");
  expect((await revokeToken(t.db, me, record.id).catch((e) => e)).code).toBe("not_found");
});

it("authenticates a live token, and refuses an expired or malformed one", async () => {
  const { token, record } = await createToken(t.db, { userId }, { name: "Short", scopes: ["read:users"], expiresInDays: 1 });
  const identity = await authenticateToken(t.db, token);
  expect(identity).toMatchObject({ userId, workspaceId: me.workspaceId, role: "owner", tokenId: record.id, scopes: ["read:users"], user: { id: userId } });
  expect(identity.user).not.toHaveProperty("passwordHash");
  expect((await authenticateToken(t.db, token, new Date(Date.now() + 2 * 86_400_000)).catch((e) => e)).code).toBe("unauthorized");
  expect((await authenticateToken(t.db, "tt_short").catch((e) => e)).code).toBe("unauthorized");
  expect((await authenticateToken(t.db, token.slice(0, -1) + (token.endsWith("a") ? "b" : "a")).catch((e) => e)).code).toBe("unauthorized");
});
