import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { workspaceMembers } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createSession } from "@/lib/auth/sessions";
import { addMember } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import { SCOPES } from "@/lib/tokens/scopes";
import { sessionActor, switchWorkspace } from "./actor";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

it("a session acts in its switcher's workspace while the user is a member there, else in their first", async () => {
  const user = await makeUser(t.db);
  const team = await makeUser(t.db); // their personal workspace becomes the team's
  await addMember(t.db, team.workspaceId, user.id, "manager");
  const session = await createSession(t.db, user.id, { userAgent: null });
  const other = await createSession(t.db, user.id, { userAgent: null });

  expect(await sessionActor(t.db, user, session.id, SCOPES)).toMatchObject({ userId: user.id, workspaceId: user.workspaceId, role: "owner", via: "session" });
  await switchWorkspace(t.db, session.id, user.id, team.workspaceId);
  expect(await sessionActor(t.db, user, session.id, SCOPES)).toMatchObject({ workspaceId: team.workspaceId, role: "manager" });
  // Per browser: the other session stays where it was.
  expect((await sessionActor(t.db, user, other.id, SCOPES)).workspaceId).toBe(user.workspaceId);

  // A workspace the user is not in cannot be chosen; nor can another user's session be switched.
  expect((await switchWorkspace(t.db, session.id, user.id, (await makeUser(t.db)).workspaceId).catch((e) => e)).code).toBe("not_found");
  expect((await switchWorkspace(t.db, session.id, team.id, team.workspaceId).catch((e) => e)).code).toBe("not_found");
  expect((await sessionActor(t.db, user, session.id, SCOPES)).workspaceId).toBe(team.workspaceId);

  // Removed from the team: the session falls back to the first workspace at once.
  await t.db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, team.workspaceId), eq(workspaceMembers.userId, user.id)));
  expect(await sessionActor(t.db, user, session.id, SCOPES)).toMatchObject({ workspaceId: user.workspaceId, role: "owner" });
  // A token cannot switch: it belongs to its workspace.
  expect((await switchWorkspace(t.db, undefined, user.id, user.workspaceId).catch((e) => e)).code).toBe("forbidden");
});
