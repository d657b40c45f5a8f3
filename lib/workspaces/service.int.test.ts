import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries, workspaceInvitations, workspaceMembers, workspaces, type WorkspaceRole } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { SCOPES } from "@/lib/tokens/scopes";
import { createToken } from "@/lib/tokens/service";
import type { PublicUser } from "@/lib/users/service";
import { actorFor, firstWorkspaceId } from "./actor";
import { createInvitation } from "./invitations";
import { addMember, leaveWorkspace, listMembers, removeMember, updateMember } from "./members";
import { createWorkspace, deleteWorkspace, getWorkspace, listWorkspaces, updateWorkspace } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const session = (user: PublicUser) => ({ user, scopes: SCOPES, via: "session" as const });
const as = (user: PublicUser, workspaceId: number) => actorFor(t.db, session(user), workspaceId);
const page = { page: 1, per_page: 50 };

/** A workspace owned by a new user, with members of the given roles (added by the owner). */
async function team(...roles: WorkspaceRole[]) {
  const owner = await makeUser(t.db);
  const ws = await createWorkspace(t.db, { userId: owner.id }, { name: "Team" });
  const members: PublicUser[] = [];
  for (const role of roles) {
    const user = await makeUser(t.db);
    await addMember(t.db, await as(owner, ws.id), { userId: user.id, role });
    members.push(user);
  }
  return { owner, ws, members };
}

const roleOf = async (workspaceId: number, userId: number) =>
  (await t.db.select({ role: workspaceMembers.role }).from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId))))[0]?.role ?? null;
const owners = async (workspaceId: number) =>
  (await t.db.select().from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")))).length;

describe("workspaces", () => {
  it("a new account owns its personal workspace; creating one makes the creator its owner; both are listed with my role", async () => {
    const ann = await makeUser(t.db);
    const [personal] = await listWorkspaces(t.db, session(ann));
    expect(personal).toMatchObject({ name: `${ann.name}'s workspace`, role: "owner", currency: "EUR" });
    const created = await createWorkspace(t.db, { userId: ann.id }, { name: "  Acme  ", currency: "usd" });
    expect(created).toMatchObject({ name: "Acme", currency: "USD", role: "owner" });
    expect((await listWorkspaces(t.db, session(ann))).map((w) => [w.name, w.role])).toEqual([
      [personal.name, "owner"],
      ["Acme", "owner"],
    ]);
    await expect(createWorkspace(t.db, { userId: ann.id }, { name: " " })).rejects.toMatchObject({ code: "validation_error", details: { fields: { name: expect.any(Array) } } });
  });

  it("a session acts in any workspace of its user; a token only in its own; a stranger's is 404", async () => {
    const { owner, ws, members } = await team("member");
    const [member] = members;
    expect(await as(member, ws.id)).toMatchObject({ userId: member.id, workspaceId: ws.id, role: "member", via: "session" });
    // The member's token belongs to their first (personal) workspace: the team is out of its reach.
    const own = (await firstWorkspaceId(t.db, member.id))!;
    const { record } = await createToken(t.db, { userId: member.id, workspaceId: own }, { name: "script", scopes: ["read:users"] });
    const token = { user: member, scopes: ["read:users"], via: "token" as const, tokenId: record.id };
    await expect(actorFor(t.db, token, ws.id)).rejects.toMatchObject({ code: "not_found", message: "Workspace not found." });
    expect(await actorFor(t.db, token, own)).toMatchObject({ workspaceId: own, role: "owner", via: "token", scopes: ["read:users"] });
    expect((await listWorkspaces(t.db, token)).map((w) => w.id)).toEqual([own]);
    const stranger = await makeUser(t.db);
    await expect(as(stranger, ws.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(as(owner, -1)).rejects.toMatchObject({ code: "not_found" });
  });

  it("admins and owners change the settings; managers and members may only read them", async () => {
    const { owner, ws, members } = await team("admin", "manager", "member");
    const [admin, manager, member] = members;
    expect(await getWorkspace(t.db, await as(member, ws.id))).toMatchObject({ id: ws.id, name: "Team", role: "member" });
    const changed = await updateWorkspace(t.db, await as(admin, ws.id), { name: "Team A", currency: "gbp", default_hourly_rate: 85.5 });
    expect(changed).toMatchObject({ name: "Team A", currency: "GBP", defaultHourlyRate: "85.50", role: "admin" });
    expect(await updateWorkspace(t.db, await as(owner, ws.id), { default_hourly_rate: null })).toMatchObject({ name: "Team A", defaultHourlyRate: null });
    for (const who of [manager, member]) {
      await expect(updateWorkspace(t.db, await as(who, ws.id), { name: "Mine now" })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(updateWorkspace(t.db, await as(owner, ws.id), { currency: "XX" })).rejects.toMatchObject({ code: "validation_error", details: { fields: { currency: expect.any(Array) } } });
    expect((await t.db.select().from(workspaces).where(eq(workspaces.id, ws.id)))[0]).toMatchObject({ name: "Team A", currency: "GBP" });
  });

  it("only an owner deletes, never their only workspace; members and invitations go with it; a member left without any gets a new one", async () => {
    const { owner, ws, members } = await team("admin", "member");
    const [admin, member] = members;
    await createInvitation(t.db, await as(owner, ws.id), { email: "someone@example.com" });
    await expect(deleteWorkspace(t.db, await as(admin, ws.id))).rejects.toMatchObject({ code: "forbidden" });
    // The member had only this team: their personal one went.
    const memberPersonal = (await listWorkspaces(t.db, session(member))).find((w) => w.id !== ws.id)!;
    await t.db.delete(workspaces).where(eq(workspaces.id, memberPersonal.id));
    expect((await listWorkspaces(t.db, session(member))).map((w) => w.id)).toEqual([ws.id]);

    await deleteWorkspace(t.db, await as(owner, ws.id));
    expect(await t.db.select().from(workspaces).where(eq(workspaces.id, ws.id))).toEqual([]);
    expect(await t.db.select().from(workspaceMembers).where(eq(workspaceMembers.workspaceId, ws.id))).toEqual([]);
    expect(await t.db.select().from(workspaceInvitations).where(eq(workspaceInvitations.workspaceId, ws.id))).toEqual([]);
    const left = await listWorkspaces(t.db, session(member));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ name: `${member.name}'s workspace`, role: "owner" });

    const [personal] = await listWorkspaces(t.db, session(owner));
    await expect(deleteWorkspace(t.db, await as(owner, personal.id))).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/only workspace/) });
  });
});

describe("members", () => {
  it("are listed owners first with name, email, role and rate, a page at a time", async () => {
    const { owner, ws, members } = await team("member", "manager", "admin");
    const listed = await listMembers(t.db, await as(members[0], ws.id), page);
    expect(listed.total).toBe(4);
    expect(listed.members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, "owner"],
      [members[2].id, "admin"],
      [members[1].id, "manager"],
      [members[0].id, "member"],
    ]);
    expect(listed.members[0]).toMatchObject({ name: owner.name, email: owner.email, hourlyRate: null });
    expect((await listMembers(t.db, await as(owner, ws.id), { page: 2, per_page: 3 })).members.map((m) => m.userId)).toEqual([members[0].id]);
  });

  it("admins change roles below owner and rates; only owners make or unmake owners; managers and members change nothing", async () => {
    const { owner, ws, members } = await team("admin", "manager", "member");
    const [admin, manager, member] = members;
    expect(await updateMember(t.db, await as(admin, ws.id), member.id, { role: "manager", hourly_rate: 40 })).toMatchObject({ role: "manager", hourlyRate: "40.00" });
    expect(await updateMember(t.db, await as(admin, ws.id), member.id, { hourly_rate: null })).toMatchObject({ role: "manager", hourlyRate: null });
    await expect(updateMember(t.db, await as(admin, ws.id), member.id, { role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(t.db, await as(admin, ws.id), owner.id, { role: "member" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(t.db, await as(admin, ws.id), owner.id, { hourly_rate: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(t.db, await as(manager, ws.id), member.id, { role: "member" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(t.db, await as(member, ws.id), member.id, { role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMember(t.db, await as(admin, ws.id), 999_999, { role: "member" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateMember(t.db, await as(admin, ws.id), member.id, { role: "boss" as never })).rejects.toMatchObject({ code: "validation_error" });
    expect(await updateMember(t.db, await as(owner, ws.id), admin.id, { role: "owner" })).toMatchObject({ role: "owner" });
    expect(await roleOf(ws.id, member.id)).toBe("manager");
    expect(await roleOf(ws.id, manager.id)).toBe("manager");
  });

  it("the last owner can neither step down, leave nor be removed", async () => {
    const { owner, ws, members } = await team("admin");
    await expect(updateMember(t.db, await as(owner, ws.id), owner.id, { role: "admin" })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/at least one owner/) });
    await expect(leaveWorkspace(t.db, await as(owner, ws.id))).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/only owner/) });
    await expect(removeMember(t.db, await as(members[0], ws.id), owner.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await owners(ws.id)).toBe(1);
    // With a second owner, the first may step down.
    await updateMember(t.db, await as(owner, ws.id), members[0].id, { role: "owner" });
    expect(await updateMember(t.db, await as(owner, ws.id), owner.id, { role: "member" })).toMatchObject({ role: "member" });
    expect(await owners(ws.id)).toBe(1);
  });

  it("a removed member's entries stay, attributed to them; they lose access; one removed from their only workspace gets a new one", async () => {
    const { owner, ws, members } = await team("member", "member");
    const [bea, cy] = members;
    const [entry] = await t.db.insert(timeEntries).values({ workspaceId: ws.id, userId: bea.id, startAt: new Date(Date.now() - 3_600_000), endAt: new Date(), description: "kept" }).returning();
    await removeMember(t.db, await as(owner, ws.id), bea.id);
    expect(await roleOf(ws.id, bea.id)).toBeNull();
    await expect(as(bea, ws.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await t.db.select().from(timeEntries).where(eq(timeEntries.id, entry.id)))[0]).toMatchObject({ userId: bea.id, description: "kept" });
    await expect(removeMember(t.db, await as(owner, ws.id), bea.id)).rejects.toMatchObject({ code: "not_found" });

    // Cy has only the team: removed, Cy gets a personal workspace again.
    const cyPersonal = (await listWorkspaces(t.db, session(cy))).find((w) => w.id !== ws.id)!;
    await t.db.delete(workspaces).where(eq(workspaces.id, cyPersonal.id));
    await expect(leaveWorkspace(t.db, await as(cy, ws.id))).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/only workspace/) });
    await removeMember(t.db, await as(owner, ws.id), cy.id);
    expect((await listWorkspaces(t.db, session(cy))).map((w) => [w.name, w.role])).toEqual([[`${cy.name}'s workspace`, "owner"]]);
  });

  it("anyone may leave a workspace that is not their only one; members cannot remove others", async () => {
    const { ws, members } = await team("member", "manager");
    const [member, manager] = members;
    await expect(removeMember(t.db, await as(manager, ws.id), member.id)).rejects.toMatchObject({ code: "forbidden" });
    await leaveWorkspace(t.db, await as(member, ws.id));
    expect(await roleOf(ws.id, member.id)).toBeNull();
    expect(await roleOf(ws.id, manager.id)).toBe("manager");
  });
});

describe("under concurrency, the rules hold", () => {
  it("two admins changing the same member's role at once: both apply in turn, one membership, the last one's role", async () => {
    const { ws, members } = await team("admin", "admin", "member");
    const [a1, a2, member] = members;
    const [x1, x2] = [await as(a1, ws.id), await as(a2, ws.id)];
    const results = await Promise.allSettled([updateMember(t.db, x1, member.id, { role: "manager" }), updateMember(t.db, x2, member.id, { role: "admin" })]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const rows = await t.db.select().from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, ws.id), eq(workspaceMembers.userId, member.id)));
    expect(rows).toHaveLength(1);
    expect(["manager", "admin"]).toContain(rows[0].role);
  });

  it("two owners demoting each other at once: one wins, the other is refused, one owner remains", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, ws, members } = await team("owner");
      const [second] = members;
      const [o1, o2] = [await as(owner, ws.id), await as(second, ws.id)];
      const results = await Promise.allSettled([updateMember(t.db, o1, second.id, { role: "admin" }), updateMember(t.db, o2, owner.id, { role: "admin" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      // The loser is an admin by the time its change runs: admins cannot change an owner.
      expect(refused.reason).toMatchObject({ code: "forbidden" });
      expect(await owners(ws.id)).toBe(1);
    }
  });

  it("two owners removing each other, or both leaving, at once: at least one owner remains", async () => {
    const { owner, ws, members } = await team("owner");
    const [second] = members;
    const [o1, o2] = [await as(owner, ws.id), await as(second, ws.id)];
    const removals = await Promise.allSettled([removeMember(t.db, o1, second.id), removeMember(t.db, o2, owner.id)]);
    expect(removals.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((removals.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "not_found" });
    expect(await owners(ws.id)).toBe(1);

    const pair = await team("owner");
    const [p1, p2] = [await as(pair.owner, pair.ws.id), await as(pair.members[0], pair.ws.id)];
    const leaving = await Promise.allSettled([leaveWorkspace(t.db, p1), leaveWorkspace(t.db, p2)]);
    expect(leaving.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((leaving.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await owners(pair.ws.id)).toBe(1);
  });
});
