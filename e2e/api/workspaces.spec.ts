import type { APIRequestContext } from "@playwright/test";
import { createUser, type TestUser } from "../fixtures";
import { api, expect, mintToken, signedIn, SCOPES, test, USER_SCOPES, uniqueName } from "./api-fixtures";

// Workspaces, members and invitations through the API: who may do what is decided by the role in the
// workspace (lib/workspaces/policy.ts); a token reaches only its own workspace; another's is 404.

let owner: TestUser, bob: TestUser, carol: TestUser;
let ownerS: APIRequestContext, bobS: APIRequestContext, carolS: APIRequestContext;

test.beforeAll(async () => {
  [owner, bob, carol] = await Promise.all([createUser("wsowner"), createUser("wsbob"), createUser("wscarol")]);
  [ownerS, bobS, carolS] = await Promise.all([signedIn(owner), signedIn(bob), signedIn(carol)]);
});
test.afterAll(async () => {
  await Promise.all([ownerS, bobS, carolS].map((c) => c.dispose()));
});

const secretOf = (url: string) => new URL(url).pathname.replace(/^\/invite\//, "");

async function newTeam(name = uniqueName("Team")) {
  return (await api(ownerS).ok("createWorkspace", { body: { name } })).workspace;
}

/** Invites `who` into `workspaceId` as `role` and accepts with their session. */
async function join(workspaceId: number, who: TestUser, session: APIRequestContext, role: string) {
  const { invitation } = await api(ownerS).ok("createInvitation", { id: workspaceId, body: { email: who.email, role } });
  return api(session).ok("acceptInvitation", { body: { token: secretOf(invitation.url) } });
}

test("my workspaces with my role; create, read, change and delete one; my only workspace stays", async () => {
  const mine = await api(ownerS).ok("listWorkspaces");
  expect(mine.workspaces).toEqual([expect.objectContaining({ name: `${owner.name}'s workspace`, role: "owner", currency: "EUR", default_hourly_rate: null })]);
  const personal = mine.workspaces[0];

  const created = await api(ownerS).ok("createWorkspace", { body: { name: "  Studio  ", currency: "usd" } });
  expect(created).toEqual({
    message: "Workspace created",
    workspace: { id: expect.any(Number), name: "Studio", currency: "USD", default_hourly_rate: null, rounding: { mode: "none", minutes: 15, scope: "entry" }, role: "owner", created_at: expect.any(String) },
  });
  const id = created.workspace.id;
  expect((await api(ownerS).ok("listWorkspaces")).workspaces.map((w) => [w.id, w.role])).toEqual([
    [personal.id, "owner"],
    [id, "owner"],
  ]);
  expect((await api(ownerS).ok("getWorkspace", { id })).workspace).toEqual(created.workspace);
  const changed = await api(ownerS).ok("patchWorkspace", { id, body: { name: "Studio B", default_hourly_rate: 90.5, currency: "gbp" } });
  expect(changed).toEqual({ message: "Workspace updated", workspace: { ...created.workspace, name: "Studio B", currency: "GBP", default_hourly_rate: 90.5 } });

  expect(await api(ownerS).ok("deleteWorkspace", { id })).toEqual({ message: "Workspace deleted" });
  await api(ownerS).fail("getWorkspace", { id }, 404, "not_found");
  const only = await api(ownerS).fail("deleteWorkspace", { id: personal.id }, 409, "conflict");
  expect(only.body.message).toBe("This is your only workspace: create or join another before deleting it.");
  expect((await api(ownerS).ok("listWorkspaces")).workspaces.map((w) => w.id)).toEqual([personal.id]);
});

test("an invitation: the link once, pending until accepted by the invited address, then a member with that role", async () => {
  const team = await newTeam();
  const made = await api(ownerS).ok("createInvitation", { id: team.id, body: { email: bob.email.toUpperCase(), role: "manager" } });
  expect(made).toEqual({
    message: `Invitation created: send the link to ${bob.email}. It is shown only now.`,
    invitation: {
      id: expect.any(Number),
      email: bob.email,
      role: "manager",
      expires_at: expect.any(String),
      created_at: expect.any(String),
      invited_by: { user_id: owner.id, name: owner.name },
      url: expect.stringMatching(/\/invite\/[A-Za-z0-9_-]{43}$/),
    },
  });
  expect(Math.abs(Date.parse(made.invitation.expires_at) - Date.parse(made.invitation.created_at) - 7 * 86_400_000)).toBeLessThan(5_000);
  const { url, ...listed } = made.invitation;
  expect(await api(ownerS).ok("listInvitations", { id: team.id })).toEqual({ invitations: [listed] });

  // Carol holds the link but it is Bob's.
  const wrong = await api(carolS).fail("acceptInvitation", { body: { token: secretOf(url) } }, 403, "forbidden");
  expect(wrong.body.message).toBe(`This invitation is for ${bob.email}: sign in with that address to accept it (you are signed in as ${carol.email}).`);
  await api(carolS).fail("getWorkspace", { id: team.id }, 404, "not_found");

  const joined = await api(bobS).ok("acceptInvitation", { body: { token: secretOf(url) } });
  expect(joined).toEqual({ message: `You joined ${team.name}`, workspace: { ...team, role: "manager" } });
  expect((await api(bobS).ok("getWorkspace", { id: team.id })).workspace.role).toBe("manager");
  const again = await api(bobS).fail("acceptInvitation", { body: { token: secretOf(url) } }, 410, "gone");
  expect(again.body.message).toMatch(/already been used/);
  expect((await api(ownerS).ok("listInvitations", { id: team.id })).invitations).toEqual([]);

  const members = await api(bobS).ok("listMembers", { id: team.id });
  expect(members.members.map((m) => ({ user_id: m.user_id, name: m.name, email: m.email, role: m.role, hourly_rate: m.hourly_rate }))).toEqual([
    { user_id: owner.id, name: owner.name, email: owner.email, role: "owner", hourly_rate: null },
    { user_id: bob.id, name: bob.name, email: bob.email, role: "manager", hourly_rate: null },
  ]);
  expect(members.pagination).toMatchObject({ page: 1, total: 2, has_next: false });

  const mine = await api(ownerS).fail("createInvitation", { id: team.id, body: { email: bob.email } }, 409, "conflict");
  expect(mine.body.message).toBe(`${bob.email} is already a member of this workspace.`);
  const unknown = await api(bobS).fail("acceptInvitation", { body: { token: "not-a-real-token" } }, 404, "not_found");
  expect(unknown.body.message).toMatch(/not valid/);
});

test("roles: admins manage members below owner, managers nothing; the last owner stays; a removed member loses the workspace", async () => {
  const team = await newTeam();
  await join(team.id, bob, bobS, "member");
  await join(team.id, carol, carolS, "admin");

  const byMember = await api(bobS).fail("patchMember", { id: team.id, params: { user_id: carol.id }, body: { role: "member" } }, 403, "forbidden");
  expect(byMember.body.message).toBe("You cannot manage this workspace's members: your role in this workspace is member.");
  await api(bobS).fail("patchWorkspace", { id: team.id, body: { name: "Bob's now" } }, 403, "forbidden");
  await api(bobS).fail("createInvitation", { id: team.id, body: { email: "x@example.com" } }, 403, "forbidden");

  expect(await api(carolS).ok("patchMember", { id: team.id, params: { user_id: bob.id }, body: { role: "manager", hourly_rate: 42.5 } })).toEqual({
    message: "Member updated",
    member: { user_id: bob.id, name: bob.name, email: bob.email, role: "manager", hourly_rate: 42.5, joined_at: expect.any(String) },
  });
  await api(carolS).fail("patchMember", { id: team.id, params: { user_id: bob.id }, body: { role: "owner" } }, 403, "forbidden");
  const onOwner = await api(carolS).fail("patchMember", { id: team.id, params: { user_id: owner.id }, body: { role: "admin" } }, 403, "forbidden");
  expect(onOwner.body.message).toBe("You cannot change who owns this workspace: your role in this workspace is admin.");
  await api(carolS).fail("deleteMember", { id: team.id, params: { user_id: owner.id } }, 403, "forbidden");

  const last = await api(ownerS).fail("patchMember", { id: team.id, params: { user_id: owner.id }, body: { role: "admin" } }, 409, "conflict");
  expect(last.body.message).toBe("A workspace needs at least one owner: make another member an owner first.");
  const leave = await api(ownerS).fail("deleteMember", { id: team.id, params: { user_id: owner.id } }, 409, "conflict");
  expect(leave.body.message).toMatch(/only owner/);

  expect(await api(carolS).ok("deleteMember", { id: team.id, params: { user_id: bob.id } })).toEqual({ message: "Member removed" });
  await api(bobS).fail("getWorkspace", { id: team.id }, 404, "not_found");
  await api(carolS).fail("deleteMember", { id: team.id, params: { user_id: bob.id } }, 404, "not_found");
  expect(await api(carolS).ok("deleteMember", { id: team.id, params: { user_id: carol.id } })).toEqual({ message: "You left the workspace" });
  expect((await api(ownerS).ok("listMembers", { id: team.id })).members.map((m) => m.user_id)).toEqual([owner.id]);
  await api(ownerS).ok("deleteWorkspace", { id: team.id });
});

test("withdrawing an invitation stops its link; another workspace's invitation is not found", async () => {
  const team = await newTeam();
  const { invitation } = await api(ownerS).ok("createInvitation", { id: team.id, body: { email: carol.email } });
  const [personalOfCarol] = (await api(carolS).ok("listWorkspaces")).workspaces;
  await api(carolS).fail("revokeInvitation", { id: personalOfCarol.id, params: { inv: invitation.id } }, 404, "not_found");
  await api(carolS).fail("revokeInvitation", { id: team.id, params: { inv: invitation.id } }, 404, "not_found");
  expect(await api(ownerS).ok("revokeInvitation", { id: team.id, params: { inv: invitation.id } })).toEqual({ message: "Invitation withdrawn" });
  const gone = await api(carolS).fail("acceptInvitation", { body: { token: secretOf(invitation.url) } }, 410, "gone");
  expect(gone.body.message).toBe("This invitation was withdrawn. Ask the workspace's admins for a new one.");
  await api(ownerS).fail("revokeInvitation", { id: team.id, params: { inv: invitation.id } }, 404, "not_found");
  await api(ownerS).ok("deleteWorkspace", { id: team.id });
});

test("a token reaches only its own workspace, reads with any scope, changes only with admin:all, and never accepts invitations", async ({ request }) => {
  const team = await newTeam();
  await join(team.id, bob, bobS, "admin");
  const [bobsOwn] = (await api(bobS).ok("listWorkspaces")).workspaces;
  const narrow = (await mintToken(bob, ["read:projects"])).token;
  expect((await api(request, narrow).ok("listWorkspaces")).workspaces.map((w) => w.id)).toEqual([bobsOwn.id]);
  expect((await api(request, narrow).ok("getWorkspace", { id: bobsOwn.id })).workspace.role).toBe("owner");
  // Bob is an admin of the team, but this token is not the team's.
  await api(request, narrow).fail("getWorkspace", { id: team.id }, 404, "not_found");
  await api(request, narrow).fail("listMembers", { id: bobsOwn.id }, 403, "insufficient_scope");
  const wide = (await mintToken(bob, USER_SCOPES)).token;
  await api(request, wide).fail("listMembers", { id: team.id }, 404, "not_found");
  expect((await api(request, wide).ok("listMembers", { id: bobsOwn.id })).members.map((m) => m.user_id)).toEqual([bob.id]);
  const change = await api(request, wide).fail("patchWorkspace", { id: bobsOwn.id, body: { name: "By token" } }, 403, "insufficient_scope");
  expect(change.body.required_scope).toBe("admin:all");

  const admin = await createUser("wsadmin", { admin: true });
  const all = (await mintToken(admin, SCOPES)).token;
  const [adminsOwn] = (await api(request, all).ok("listWorkspaces")).workspaces;
  const viaToken = await api(request, all).ok("createInvitation", { id: adminsOwn.id, body: { email: carol.email, role: "member" } });
  const refused = await api(request, all).fail("acceptInvitation", { body: { token: secretOf(viaToken.invitation.url) } }, 403, "forbidden");
  expect(refused.body.message).toBe("Invitations are accepted from a signed-in browser, not with an API token.");
  await api(request, all).fail("getWorkspace", { id: team.id }, 404, "not_found");
  await api(request, all).fail("patchMember", { id: team.id, params: { user_id: bob.id }, body: { role: "member" } }, 404, "not_found");
  expect((await api(bobS).ok("getWorkspace", { id: team.id })).workspace.role).toBe("admin");
  await api(ownerS).ok("deleteWorkspace", { id: team.id });
});

test("bad input is a 400 naming the field; an id that is not one is a 404", async () => {
  const team = await newTeam();
  await api(ownerS).invalid("createWorkspace", { body: {} }, "name");
  await api(ownerS).invalid("patchWorkspace", { id: team.id, body: { currency: "XX" } }, "currency");
  await api(ownerS).invalid("patchMember", { id: team.id, params: { user_id: owner.id }, body: { role: "boss" } }, "role");
  await api(ownerS).invalid("createInvitation", { id: team.id, body: { email: "not an email", role: "member" } }, "email");
  await api(ownerS).invalid("acceptInvitation", { body: {} }, "token");
  await api(ownerS).fail("getWorkspace", { id: "abc" }, 404, "not_found");
  await api(ownerS).fail("patchMember", { id: team.id, params: { user_id: 999_999_999 }, body: { role: "member" } }, 404, "not_found");
  expect((await api(ownerS).ok("getWorkspace", { id: team.id })).workspace).toEqual(team);
  await api(ownerS).ok("deleteWorkspace", { id: team.id });
});
