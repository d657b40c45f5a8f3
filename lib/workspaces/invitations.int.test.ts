import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceInvitations, workspaceMembers } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { SCOPES } from "@/lib/tokens/scopes";
import { registerAccount, registrationGate } from "@/lib/users/registration";
import type { PublicUser } from "@/lib/users/service";
import { actorFor } from "./actor";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from "./invitations";
import { addMember } from "./members";
import { createWorkspace, listWorkspaces } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const as = (user: PublicUser, workspaceId: number) => actorFor(t.db, { user, scopes: SCOPES, via: "session" }, workspaceId);
const viaSession = (user: PublicUser) => ({ userId: user.id, via: "session" as const });
const secretOf = (url: string) => url.split("/invite/")[1];

async function teamWithAdmin() {
  const owner = await makeUser(t.db);
  const ws = await createWorkspace(t.db, { userId: owner.id }, { name: `Team ${crypto.randomBytes(2).toString("hex")}` });
  const admin = await makeUser(t.db);
  await addMember(t.db, await as(owner, ws.id), { userId: admin.id, role: "admin" });
  return { owner, admin, ws };
}

const membership = (workspaceId: number, userId: number) =>
  t.db.select().from(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));

describe("creating and listing invitations", () => {
  it("gives a link once, keeps only its SHA-256, for 7 days; lists it as pending with who invited", async () => {
    const { admin, ws } = await teamWithAdmin();
    const made = await createInvitation(t.db, await as(admin, ws.id), { email: " Dora@Example.com ", role: "manager" }, { baseUrl: "https://time.example.com/" });
    expect(made.url).toMatch(/^https:\/\/time\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, made.invitation.id));
    expect(row).toMatchObject({ email: "dora@example.com", role: "manager", invitedBy: admin.id, acceptedAt: null, revokedAt: null });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(secretOf(made.url)).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secretOf(made.url));
    expect(Math.abs(row.expiresAt.getTime() - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const pending = await listInvitations(t.db, await as(admin, ws.id));
    expect(pending.map((i) => [i.email, i.role, i.invitedByName])).toEqual([["dora@example.com", "manager", admin.name]]);
  });

  it("admins invite up to admin, only owners invite owners; managers and members cannot invite; a member already is a 409", async () => {
    const { owner, admin, ws } = await teamWithAdmin();
    const manager = await makeUser(t.db);
    await addMember(t.db, await as(owner, ws.id), { userId: manager.id, role: "manager" });
    await expect(createInvitation(t.db, await as(admin, ws.id), { email: "boss@example.com", role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await createInvitation(t.db, await as(owner, ws.id), { email: "boss@example.com", role: "owner" })).invitation.role).toBe("owner");
    await expect(createInvitation(t.db, await as(manager, ws.id), { email: "x@example.com" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listInvitations(t.db, await as(manager, ws.id))).rejects.toMatchObject({ code: "forbidden" });
    await expect(createInvitation(t.db, await as(admin, ws.id), { email: manager.email })).rejects.toMatchObject({
      code: "conflict",
      message: `${manager.email} is already a member of this workspace.`,
    });
    await expect(createInvitation(t.db, await as(admin, ws.id), { email: "not an email" })).rejects.toMatchObject({ code: "validation_error" });
  });

  it("inviting the same address again withdraws the earlier link; revoking stops a link at once; another workspace's is 404", async () => {
    const { owner, admin, ws } = await teamWithAdmin();
    const first = await createInvitation(t.db, await as(admin, ws.id), { email: "eli@example.com" });
    const second = await createInvitation(t.db, await as(admin, ws.id), { email: "eli@example.com", role: "admin" });
    expect((await listInvitations(t.db, await as(admin, ws.id))).map((i) => i.id)).toEqual([second.invitation.id]);
    expect((await previewInvitation(t.db, secretOf(first.url)))?.state).toBe("revoked");

    const other = await teamWithAdmin();
    await expect(revokeInvitation(t.db, await as(other.owner, other.ws.id), second.invitation.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeInvitation(t.db, await as(owner, ws.id), second.invitation.id);
    expect(await listInvitations(t.db, await as(admin, ws.id))).toEqual([]);
    await expect(revokeInvitation(t.db, await as(owner, ws.id), second.invitation.id)).rejects.toMatchObject({ code: "not_found" });
    const eli = await makeUser(t.db);
    await t.db.update(workspaceInvitations).set({ email: eli.email }).where(eq(workspaceInvitations.id, second.invitation.id));
    await expect(acceptInvitation(t.db, viaSession(eli), { token: secretOf(second.url) })).rejects.toMatchObject({ code: "gone", message: expect.stringMatching(/withdrawn/) });
    expect(await membership(ws.id, eli.id)).toEqual([]);
  });
});

describe("accepting", () => {
  it("the invited account joins in the invited role, once; the link then answers that it was used", async () => {
    const { admin, ws } = await teamWithAdmin();
    const fay = await makeUser(t.db);
    const made = await createInvitation(t.db, await as(admin, ws.id), { email: fay.email.toUpperCase(), role: "manager" });
    expect(await previewInvitation(t.db, secretOf(made.url))).toMatchObject({ workspaceName: ws.name, role: "manager", email: fay.email, state: "pending", invitedByName: admin.name });
    const joined = await acceptInvitation(t.db, viaSession(fay), { token: secretOf(made.url) });
    expect(joined).toMatchObject({ id: ws.id, name: ws.name, role: "manager" });
    expect((await listWorkspaces(t.db, { user: fay, scopes: [], via: "session" })).map((w) => [w.id, w.role])).toContainEqual([ws.id, "manager"]);
    expect((await t.db.select().from(workspaceInvitations).where(eq(workspaceInvitations.id, made.invitation.id)))[0]).toMatchObject({ acceptedBy: fay.id });
    expect(await listInvitations(t.db, await as(admin, ws.id))).toEqual([]);
    await expect(acceptInvitation(t.db, viaSession(fay), { token: secretOf(made.url) })).rejects.toMatchObject({ code: "gone", message: expect.stringMatching(/already been used/) });
  });

  it("is bound to the invited address: another account gets a 403 naming the address it is for", async () => {
    const { admin, ws } = await teamWithAdmin();
    const gus = await makeUser(t.db);
    const made = await createInvitation(t.db, await as(admin, ws.id), { email: "gus-other@example.com" });
    await expect(acceptInvitation(t.db, viaSession(gus), { token: secretOf(made.url) })).rejects.toMatchObject({
      code: "forbidden",
      message: `This invitation is for gus-other@example.com: sign in with that address to accept it (you are signed in as ${gus.email}).`,
    });
    expect(await membership(ws.id, gus.id)).toEqual([]);
    expect((await previewInvitation(t.db, secretOf(made.url)))?.state).toBe("pending");
  });

  it("refuses a token, an unknown or expired link, and says so when the account is a member already", async () => {
    const { owner, admin, ws } = await teamWithAdmin();
    const hal = await makeUser(t.db);
    const made = await createInvitation(t.db, await as(admin, ws.id), { email: hal.email });
    await expect(acceptInvitation(t.db, { userId: hal.id, via: "token" }, { token: secretOf(made.url) })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/signed-in browser/) });
    await expect(acceptInvitation(t.db, viaSession(hal), { token: "nope" })).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/not valid/) });
    await expect(acceptInvitation(t.db, viaSession(hal), { token: "" })).rejects.toMatchObject({ code: "validation_error" });
    await addMember(t.db, await as(owner, ws.id), { userId: hal.id, role: "member" });
    await expect(acceptInvitation(t.db, viaSession(hal), { token: secretOf(made.url) })).rejects.toMatchObject({ code: "conflict", message: `You are already a member of ${ws.name} (as member).` });

    const ida = await makeUser(t.db);
    const late = await createInvitation(t.db, await as(admin, ws.id), { email: ida.email });
    await t.db.update(workspaceInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(workspaceInvitations.id, late.invitation.id));
    await expect(acceptInvitation(t.db, viaSession(ida), { token: secretOf(late.url) })).rejects.toMatchObject({ code: "gone", message: expect.stringMatching(/expired/) });
    expect(await membership(ws.id, ida.id)).toEqual([]);
  });

  it("one invitation accepted twice at once: one membership; the other is told the link was used", async () => {
    for (let round = 0; round < 3; round++) {
      const { admin, ws } = await teamWithAdmin();
      const jo = await makeUser(t.db);
      const made = await createInvitation(t.db, await as(admin, ws.id), { email: jo.email, role: "admin" });
      const results = await Promise.allSettled([0, 1, 2].map(() => acceptInvitation(t.db, viaSession(jo), { token: secretOf(made.url) })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r) => r.status === "rejected")) {
        // Depending on when it read, the loser finds the link used or the account a member: either says why.
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/^(gone|conflict)$/), message: expect.stringMatching(/already/) });
      }
      expect(await membership(ws.id, jo.id)).toHaveLength(1);
    }
  });
});

describe("registration through an invitation", () => {
  it("admits the invited address whatever STINT_REGISTRATION says (here: invite, with no registration invite)", async () => {
    await makeUser(t.db); // not the first account
    const { admin, ws } = await teamWithAdmin();
    const made = await createInvitation(t.db, await as(admin, ws.id), { email: "kim@example.com" });
    const secret = secretOf(made.url);
    expect(await registrationGate(t.db)).toMatchObject({ allowed: false, reason: "invite_needed" });
    expect(await registrationGate(t.db, undefined, { invitation: secret })).toEqual({ allowed: true, first: false, inviteEmail: "kim@example.com" });
    const input = (email: string) => ({ email, name: "Kim", password: "kim's long passphrase" });
    await expect(registerAccount(t.db, input("kam@example.com"), { clientAddress: "192.0.2.50", invitation: secret })).rejects.toMatchObject({
      code: "validation_error",
      details: { fields: { email: ["This invitation is for kim@example.com: register with that address."] } },
    });
    const kim = await registerAccount(t.db, input("kim@example.com"), { clientAddress: "192.0.2.50", invitation: secret });
    expect(kim.email).toBe("kim@example.com");
    // Registering does not use the invitation up: joining does.
    expect((await acceptInvitation(t.db, viaSession(kim), { token: secret })).id).toBe(ws.id);
    expect(await registrationGate(t.db, undefined, { invitation: secret })).toMatchObject({ allowed: false });
  });
});
