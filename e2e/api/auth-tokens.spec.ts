import crypto from "node:crypto";
import { createUser, type TestUser } from "../fixtures";
import { sharedServerEnv } from "../support/config";
import { api, BASE_URL, cliToken, expect, mintToken, SCOPES, signedIn, test, TOKEN_PATTERN, USER_SCOPES } from "./api-fixtures";

let alice: TestUser;
let admin: TestUser;

test.beforeAll(async () => {
  [alice, admin] = await Promise.all([createUser("alice"), createUser("tokenadmin", { admin: true })]);
});

/** A client address of its own (the shared e2e server trusts X-Forwarded-For): per-address limits apply to it alone. */
const randomAddress = () => `198.18.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const from = (address: string) => ({ headers: { "X-Forwarded-For": address } });

/** Limits count in clock minutes: start a counted sequence with enough of the minute left to finish it. */
async function withTimeLeftInTheMinute(seconds = 30) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 250));
}

const randomToken = () => `tt_${crypto.randomBytes(24).toString("base64url").replace(/[-_]/g, "a").slice(0, 32)}`;

test.describe("POST /auth/login", () => {
  test("with username or email: 201 and a new tt_ token with the user's scopes, which then works", async ({ request }) => {
    const anon = api(request);
    const byUsername = await anon.ok("login", { body: { username: alice.email, password: alice.password } });
    expect(byUsername.message).toBe("Logged in");
    expect(byUsername.token).toMatch(TOKEN_PATTERN);
    expect(byUsername.user).toEqual({ id: alice.id, email: alice.email, name: alice.name });
    expect(byUsername.token_info).toMatchObject({ name: "Password login", prefix: byUsername.token.slice(0, 8), expired: false });
    // It expires in 30 days by default (it used to live forever).
    const days = (Date.parse(byUsername.token_info.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(byUsername.token_info.scopes).toEqual(USER_SCOPES);
    expect((await anon.as(byUsername.token).ok("me")).user.email).toBe(alice.email);
    expect((await anon.as({ token: byUsername.token, via: "x-api-key" }).ok("me")).user.id).toBe(alice.id);

    const byEmail = await anon.ok("login", { body: { email: ` ${alice.email.toUpperCase()} `, password: alice.password } });
    expect(byEmail.token).not.toBe(byUsername.token);
    expect((await anon.as(byEmail.token).ok("listProjects")).projects).toEqual([]);
    // admin:all (tokens, the account) comes only when asked for, and only to an owner or admin of the
    // workspace: here the user's own.
    const adminLogin = await anon.ok("login", { body: { username: admin.email, password: admin.password } });
    expect(adminLogin.token_info.scopes).toEqual(USER_SCOPES);
    await anon.as(adminLogin.token).fail("listTokens", {}, 403, "insufficient_scope");
    const full = await anon.ok("login", { body: { username: alice.email, password: alice.password, scopes: [...SCOPES] } });
    expect(full.token_info.scopes).toEqual(SCOPES);
    expect((await anon.as(full.token).ok("listTokens")).tokens.map((t) => t.id)).toContain(full.token_info.id);
  });

  test("the body may ask for a shorter life, fewer scopes, and name the client", async ({ request }) => {
    const anon = api(request);
    const alice = await createUser("loginopts"); // (sign-ins are limited per account: alice has enough of them)
    const login = await anon.ok("login", { body: { username: alice.email, password: alice.password, expires_in_days: 2, scopes: ["read:projects", "read:projects"], client_name: "Stint for iOS" } });
    expect(login.token_info.name).toBe("Login: Stint for iOS");
    expect(login.token_info.scopes).toEqual(["read:projects"]);
    const days = (Date.parse(login.token_info.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThanOrEqual(2);
    const narrow = anon.as(login.token);
    expect((await narrow.ok("listProjects")).projects).toEqual([]);
    await narrow.fail("me", {}, 403, "insufficient_scope");
    // TimeTracker clients send "name".
    expect((await anon.ok("login", { body: { email: alice.email, password: alice.password, name: "cli" } })).token_info.name).toBe("Login: cli");
    // Nonsense is a field error, and no token is made (a member asking for more than their role: lib/tokens/service.int.test.ts).
    await anon.invalid("login", { body: { username: alice.email, password: alice.password, scopes: ["read:everything"] } }, "scopes.0");
    await anon.invalid("login", { body: { username: alice.email, password: alice.password, scopes: [] } }, "scopes");
    await anon.invalid("login", { body: { username: alice.email, password: alice.password, expires_in_days: 0 } }, "expires_in_days");
    await anon.invalid("login", { body: { username: alice.email, password: alice.password, expires_in_days: 99999 } }, "expires_in_days");
    expect((await anon.ok("login", { body: { username: admin.email, password: admin.password, scopes: ["admin:all"] } })).token_info.scopes).toEqual(["admin:all"]);
  });

  test("wrong password or unknown user: 401 invalid_credentials, and no token is made", async ({ request }) => {
    const anon = api(request);
    const session = await signedIn(alice);
    const before = (await api(session).ok("listTokens")).tokens.length;
    const wrong = await anon.fail("login", { body: { username: alice.email, password: "not the password" } }, 401, "invalid_credentials");
    const unknown = await anon.fail("login", { body: { email: `nobody-${crypto.randomUUID()}@example.com`, password: "whatever pass" } }, 401, "invalid_credentials");
    expect(unknown.body.message).toBe(wrong.body.message); // nothing tells which accounts exist
    expect((await api(session).ok("listTokens")).tokens.length).toBe(before);
    await session.dispose();
  });

  test("missing fields, wrong types and malformed JSON: 400 by field", async ({ request }) => {
    const anon = api(request);
    await anon.invalid("login", { body: { password: "x" } }, "email");
    await anon.invalid("login", { body: { username: alice.email } }, "password");
    await anon.invalid("login", { body: { username: alice.email, password: "" } }, "password");
    await anon.invalid("login", { body: { username: 5, password: "x" } }, "username");
    await anon.invalid("login", { body: { email: ["a"], password: "x" } }, "email");
    await anon.invalid("login", { body: { username: alice.email, password: 12345678 } }, "password");
    await anon.invalid("login", { raw: "{\"username\": " }, "_");
    await anon.invalid("login", { raw: "null" }, "_");
    await anon.invalid("login", { body: { email: "a\u0000@example.com", password: "x" } }, "email");
  });

  test("guessing from one address does not lock the owner out: the right password from another address works", async ({ request }) => {
    const owner = await createUser("guessed");
    await withTimeLeftInTheMinute();
    const anon = api(request);
    const attacker = from(randomAddress());
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 15; attempt++) statuses.push((await anon.call("login", { ...attacker, body: { username: owner.email, password: `guess ${attempt}` } })).status);
    // Ten failures per account and address a minute; then 429, even for the right password from there.
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
    const refused = await anon.fail("login", { ...attacker, body: { email: owner.email, password: owner.password } }, 429, "rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.body.retry_after).toBe(Number(refused.headers["retry-after"]));
    expect(refused.body.message).toMatch(/Too many sign-in attempts/);
    // The owner, elsewhere, signs in at once.
    const login = await anon.ok("login", { ...from(randomAddress()), body: { username: owner.email, password: owner.password } });
    expect(login.user.id).toBe(owner.id);
    expect((await api(request, login.token).ok("me")).user.email).toBe(owner.email);
  });

  test("spraying many accounts from one address is throttled: 429 with Retry-After in the error shape", async ({ request }) => {
    const anon = api(request);
    const sprayer = from(randomAddress());
    await withTimeLeftInTheMinute();
    const statuses: number[] = [];
    for (let n = 1; n <= 25; n++) statuses.push((await anon.call("login", { ...sprayer, body: { email: `sprayed-${n}-${crypto.randomUUID()}@example.com`, password: "Winter2026!" } })).status);
    // Twenty failures per address a minute, whichever accounts they name.
    expect(statuses).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
    const limited = await anon.fail("login", { ...sprayer, body: { username: alice.email, password: alice.password } }, 429, "rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ error: expect.stringMatching(/Too many/), retry_after: Number(limited.headers["retry-after"]) });
    // Other addresses, and alice herself, are not affected.
    expect((await anon.ok("login", { ...from(randomAddress()), body: { username: alice.email, password: alice.password } })).user.id).toBe(alice.id);
  });
});

test.describe("authentication", () => {
  test("no token, a malformed, unknown or revoked one: 401 unauthorized", async ({ request }) => {
    const anon = api(request);
    const none = await anon.fail("me", {}, 401, "unauthorized");
    expect(none.body.message).toMatch(/Authorization: Bearer/);
    for (const headers of <Record<string, string>[]>[
      { Authorization: "Bearer" },
      { Authorization: "Bearer " },
      { Authorization: "Basic dXNlcjpwYXNzd29yZA==" },
      { Authorization: "Bearer tt_short" },
      { Authorization: `Bearer ${randomToken()}` },
      { Authorization: `Bearer ${randomToken()} extra` },
      { "X-API-Key": "not-a-token" },
      { "X-API-Key": randomToken() },
    ]) {
      await anon.fail("me", { headers }, 401, "unauthorized");
      await anon.fail("createProject", { headers, body: { name: "x" } }, 401, "unauthorized");
    }
    // Revoked: refused from the next request on.
    const session = await signedIn(alice);
    const { token, id } = await mintToken(alice, ["read:users"]);
    expect((await anon.as(token).ok("me")).user.id).toBe(alice.id);
    expect(await api(session).ok("revokeToken", { id })).toEqual({ message: "Token revoked" });
    const revoked = await anon.as(token).fail("me", {}, 401, "unauthorized");
    expect(revoked.body.message).toMatch(/invalid, expired or revoked/);
    await anon.as({ token, via: "x-api-key" }).fail("me", {}, 401, "unauthorized");
    await api(session).fail("revokeToken", { id }, 404, "not_found");
    await session.dispose();
  });

  test("a browser session writes only from Stint's own origin; reads work from anywhere", async () => {
    const session = await signedIn(admin); // (alice signs in often in this file: 10 a minute at most)
    const a = api(session);
    const foreign = await a.fail("createTag", { body: { name: "csrf" }, headers: { Origin: "https://evil.example" } }, 403, "forbidden");
    expect(foreign.body.message).toMatch(/Stint's own pages/);
    await a.fail("patchProject", { id: 1, body: { name: "csrf" }, headers: { Origin: "https://evil.example" } }, 403, "forbidden");
    expect((await a.ok("listTags")).tags.map((t) => t.name)).not.toContain("csrf");
    expect((await a.ok("me", { headers: { Origin: "https://evil.example" } })).user.id).toBe(admin.id);
    const own = await a.ok("createTag", { body: { name: "same-origin" }, headers: { Origin: BASE_URL } });
    expect(own.tag.name).toBe("same-origin");
    // A token is not a cookie: a cross-origin request with a token is fine.
    const { token } = await mintToken(admin, ["write:time_entries"]);
    expect((await api(session, token).ok("createTag", { body: { name: "with-token" }, headers: { Origin: "https://evil.example" } })).tag.name).toBe("with-token");
    await session.dispose();
  });

  test("the token works as Bearer (any case of the word) or as X-API-Key; last use is recorded", async ({ request }) => {
    const { token, id } = await mintToken(alice, ["read:users"]);
    for (const headers of <Record<string, string>[]>[{ Authorization: `Bearer ${token}` }, { Authorization: `bearer ${token}` }, { Authorization: `BEARER   ${token}` }, { "X-API-Key": token }, { "X-API-Key": ` ${token} ` }]) {
      expect((await api(request).ok("me", { headers })).user.id).toBe(alice.id);
    }
    const session = await signedIn(alice);
    const listed = (await api(session).ok("listTokens")).tokens.find((t) => t.id === id)!;
    expect(Date.now() - Date.parse(listed.last_used_at!)).toBeLessThan(60_000);
    await session.dispose();
  });
});

test("every token answer, errors included, carries X-RateLimit-*: the user's allowance counting down", async ({ request }) => {
  const a = api(request, (await mintToken(alice, USER_SCOPES)).token);
  const replies = [await a.call("me"), await a.call("getProject", { id: 999_999_999 }), await a.call("createProject", { body: {} })];
  expect(replies.map((r) => r.status)).toEqual([200, 404, 400]);
  for (const r of replies) expect(r.headers["x-ratelimit-limit"]).toBe(sharedServerEnv.STINT_RATE_LIMIT_PER_MINUTE);
  const remaining = replies.map((r) => Number(r.headers["x-ratelimit-remaining"]));
  const resets = new Set(replies.map((r) => r.headers["x-ratelimit-reset"]));
  if (resets.size === 1) expect([remaining[0] - remaining[1], remaining[1] - remaining[2]].every((d) => d >= 1)).toBe(true); // unless a minute turned in between
  expect(Number([...resets][0]) * 1000 - Date.now()).toBeLessThanOrEqual(60_000);
});

test.describe("/tokens", () => {
  test("an admin:all token lists tokens without secrets, creates one with chosen scopes and expiry, revokes it", async ({ request }) => {
    const adminApi = api(request, (await cliToken(admin, ["admin:all"])).token);
    const created = await adminApi.ok("createToken", { body: { name: "CI", description: "for the pipeline", scopes: ["read:projects", "read:projects"], expires_in_days: 30 } });
    expect(created.message).toMatch(/shown only this once/);
    expect(created.token).toMatch(TOKEN_PATTERN);
    expect(created.api_token).toMatchObject({ name: "CI", description: "for the pipeline", scopes: ["read:projects"], prefix: created.token.slice(0, 8), last_used_at: null, expired: false });
    expect(Math.abs(Date.parse(created.api_token.expires_at!) - (Date.now() + 30 * 86_400_000))).toBeLessThan(120_000);

    const listed = await adminApi.ok("listTokens");
    expect(listed.tokens.map((t) => t.id)).toContain(created.api_token.id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toMatch(/tt_[A-Za-z0-9]{32}/);

    const ci = api(request, created.token);
    await ci.ok("listProjects");
    expect((await ci.fail("me", {}, 403, "insufficient_scope")).body.available_scopes).toEqual(["read:projects"]);
    expect(await adminApi.ok("revokeToken", { id: created.api_token.id })).toEqual({ message: "Token revoked" });
    await ci.fail("listProjects", {}, 401, "unauthorized");
    expect((await adminApi.ok("listTokens")).tokens.map((t) => t.id)).not.toContain(created.api_token.id);
    for (const id of [created.api_token.id, "999999999", "abc", "0", "99999999999"]) await adminApi.fail("revokeToken", { id }, 404, "not_found");
  });

  test("admins create tokens for other users; regular users only for themselves", async ({ request }) => {
    const adminApi = api(request, (await cliToken(admin, ["admin:all"])).token);
    const forAlice = await adminApi.ok("createToken", { body: { user_id: alice.id, name: "made by admin", scopes: ["read:users"] } });
    expect((await api(request, forAlice.token).ok("me")).user.email).toBe(alice.email);
    await adminApi.invalid("createToken", { body: { user_id: 999_999_999, name: "x", scopes: ["read:users"] } }, "user_id");
    // Alice owns her personal workspace: her token may have admin:all there.
    expect((await adminApi.ok("createToken", { body: { user_id: alice.id, name: "x", scopes: ["admin:all"] } })).api_token.scopes).toEqual(["admin:all"]);
    await adminApi.invalid("createToken", { body: { name: "x", scopes: ["read:everything"] } }, "scopes.0");
    await adminApi.invalid("createToken", { body: { name: "x", scopes: [] } }, "scopes");
    await adminApi.invalid("createToken", { body: { name: "x", scopes: "read:users" } }, "scopes");
    await adminApi.invalid("createToken", { body: { name: "", scopes: ["read:users"] } }, "name");
    await adminApi.invalid("createToken", { body: { scopes: ["read:users"] } }, "name");
    for (const days of [0, 4000, "soon", true, 1.5]) await adminApi.invalid("createToken", { body: { name: "x", scopes: ["read:users"], expires_in_days: days } }, "expires_in_days");
    for (const user_id of ["me", 0, true, 2 ** 31]) await adminApi.invalid("createToken", { body: { name: "x", scopes: ["read:users"], user_id } }, "user_id");

    // A regular user manages their own tokens with the browser's session.
    const session = api(await signedIn(alice));
    const own = await session.ok("createToken", { body: { name: "mine", scopes: ["read:time_entries"] } });
    expect((await session.ok("listTokens")).tokens.map((t) => t.id)).toContain(own.api_token.id);
    await session.fail("createToken", { body: { user_id: admin.id, name: "theirs", scopes: ["read:users"] } }, 403, "forbidden");
    // Someone else's token is not found, and stays valid.
    const admins = await cliToken(admin, ["read:users"]);
    await session.fail("revokeToken", { id: admins.id }, 404, "not_found");
    expect((await api(request, admins.token).ok("me")).user.id).toBe(admin.id);
    expect((await session.ok("listTokens")).tokens.map((t) => t.id)).not.toContain(admins.id);
    await session.request.dispose();
  });

  test("the CLI makes tokens with exactly the chosen scopes", async ({ request }) => {
    const { token } = await cliToken(alice, ["read:projects", "read:users"], { expiresDays: 7 });
    expect(token).toMatch(TOKEN_PATTERN);
    const a = api(request, token);
    expect((await a.ok("me")).user.id).toBe(alice.id);
    await a.ok("listProjects");
    const denied = await a.fail("listEntries", {}, 403, "insufficient_scope");
    expect(denied.body.required_scope).toBe("read:time_entries");
    expect([...(denied.body.available_scopes ?? [])].sort()).toEqual(["read:projects", "read:users"]);
  });
});
