import { api, expect, mintToken, newActor, signedIn, test, type Actor } from "./api-fixtures";

// Powers over other users' data. Tokens for another user are the instance admin's (as the CLI's); reading
// another member's entries is the workspace's policy (lib/workspaces/policy.ts): checked before anyone is looked up.

let admin: Actor;
let alice: Actor;
let bob: Actor;

test.beforeAll(async () => {
  [admin, alice, bob] = await Promise.all([newActor("powersadmin", { admin: true }), newActor("powersalice"), newActor("powersbob")]);
  await api(await signedIn(alice)).ok("createEntry", { body: { start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z", notes: "alice's" } });
});

test("POST /tokens with user_email: a non-admin gets the same 403 whether or not the email has an account", async ({ request }) => {
  const ownerOf = async (created: { token: string }) => (await api(request, created.token).ok("me")).user.id;
  const session = await signedIn(bob);
  try {
    const client = api(session);
    const existing = await client.fail("createToken", { body: { user_email: alice.email, name: "theirs", scopes: ["read:users"] } }, 403, "forbidden");
    const unknown = await client.fail("createToken", { body: { user_email: `nobody-${Date.now()}@example.com`, name: "theirs", scopes: ["read:users"] } }, 403, "forbidden");
    expect(unknown.body).toEqual(existing.body);
    expect(existing.body.message).toBe("Only an admin can create a token for another user.");
    // Their own email is fine; an admin's session may name anyone, and learns of an unknown email.
    expect(await ownerOf(await client.ok("createToken", { body: { user_email: bob.email.toUpperCase(), name: "mine", scopes: ["read:users"] } }))).toBe(bob.id);
    const adminSession = api(await signedIn(admin));
    expect(await ownerOf(await adminSession.ok("createToken", { body: { user_email: alice.email, name: "for alice", scopes: ["read:users"] } }))).toBe(alice.id);
    await adminSession.invalid("createToken", { body: { user_email: `nobody-${Date.now()}@example.com`, name: "x", scopes: ["read:users"] } }, "user_email");
  } finally {
    await session.dispose();
  }
});

test("user_id reaches only the workspace's members: a token needs read:team for it, and the instance's admin has no power over other workspaces", async ({ request }) => {
  // The admin owns their personal workspace: their role may read the team, a narrow token may not.
  const narrow = api(request, (await mintToken(admin, ["read:time_entries", "read:reports"])).token);
  const listed = await narrow.fail("listEntries", { query: { user_id: alice.id } }, 403, "insufficient_scope");
  expect(listed.body).toMatchObject({ required_scope: "read:team", available_scopes: ["read:time_entries", "read:reports"] });
  expect(listed.body.message).toContain("read:team");
  await narrow.fail("summary", { query: { user_id: alice.id, start_date: "2026-03-01", end_date: "2026-03-31" } }, 403, "insufficient_scope");
  // Its own data, by user_id or without: fine.
  expect((await narrow.ok("listEntries", { query: { user_id: admin.id } })).time_entries).toEqual([]);
  expect((await narrow.ok("summary", { query: { start_date: "2026-03-01", end_date: "2026-03-31" } })).summary.total_hours).toBe(0);

  // Alice is no member of the admin's workspace: no such member, with admin:all and through the session alike.
  const full = api(request, admin.token);
  const missing = await full.fail("listEntries", { query: { user_id: alice.id } }, 404, "not_found");
  expect(missing.body.message).toBe("No such member in this workspace.");
  await full.fail("summary", { query: { user_id: alice.id, start_date: "2026-03-01", end_date: "2026-03-31" } }, 404, "not_found");
  const session = await signedIn(admin);
  try {
    await api(session).fail("listEntries", { query: { user_id: alice.id } }, 404, "not_found");
  } finally {
    await session.dispose();
  }
  await api(request, bob.token).fail("listEntries", { query: { user_id: alice.id } }, 404, "not_found");
  // Alice's entry is still hers alone.
  expect((await api(request, alice.token).ok("listEntries")).time_entries.map((e) => e.notes)).toEqual(["alice's"]);
});
