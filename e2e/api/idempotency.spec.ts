import { api, expect, mintToken, newActor, signedIn, test, totalOf, uniqueKey, USER_SCOPES, type Actor } from "./api-fixtures";

let alice: Actor;

test.beforeAll(async () => {
  alice = await newActor("idem");
});

test("same key and body: the first answer again, with Idempotent-Replayed, and nothing created twice", async ({ request }) => {
  const a = api(request, alice.token);
  const before = await totalOf(a, "listProjects");
  const key = uniqueKey();
  const first = await a.call("createProject", { body: { name: "Once" }, idempotencyKey: key });
  expect(first.status).toBe(201);
  expect(first.headers["idempotent-replayed"]).toBeUndefined();
  for (let retry = 0; retry < 3; retry++) {
    const again = await a.call("createProject", { body: { name: "Once" }, idempotencyKey: key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(Number(again.headers["x-ratelimit-remaining"])).toBeLessThan(Number(first.headers["x-ratelimit-remaining"]));
  }
  expect(await totalOf(a, "listProjects")).toBe(before + 1);
  // Without a key, the same request is carried out again (not replayed): now refused, the name being taken.
  const unkeyed = await a.fail("createProject", { body: { name: "Once" } }, 409, "conflict");
  expect(unkeyed.headers["idempotent-replayed"]).toBeUndefined();
  expect(await totalOf(a, "listProjects")).toBe(before + 1);
});

test("works for every kind of POST: a replayed timer start is not a 409, a replayed entry is one entry", async ({ request }) => {
  const a = api(request, alice.token);
  const key = uniqueKey();
  const started = await a.call("timerStart", { body: { notes: "Retried on a bad network" }, idempotencyKey: key });
  const replay = await a.call("timerStart", { body: { notes: "Retried on a bad network" }, idempotencyKey: key });
  expect([started.status, replay.status]).toEqual([201, 201]);
  expect(replay.body).toEqual(started.body);
  await a.fail("timerStart", { body: { notes: "Retried on a bad network" } }, 409, "timer_already_running");
  const stopKey = uniqueKey();
  const stopped = await a.call("timerStop", { idempotencyKey: stopKey });
  const stopReplay = await a.call("timerStop", { idempotencyKey: stopKey });
  expect([stopped.status, stopReplay.status, stopReplay.headers["idempotent-replayed"]]).toEqual([200, 200, "true"]);
  expect(stopReplay.body).toEqual(stopped.body);

  const entries = await totalOf(a, "listEntries", { include_active: true });
  const entryKey = uniqueKey();
  const body = { start_time: "2026-08-01T09:00:00Z", duration_seconds: 600, notes: "Once only" };
  const [one, two] = [await a.call("createEntry", { body, idempotencyKey: entryKey }), await a.call("createEntry", { body, idempotencyKey: entryKey })];
  expect(two.body).toEqual(one.body);
  expect(await totalOf(a, "listEntries", { include_active: true })).toBe(entries + 1);
  for (const op of ["createClient", "createTag"] as const) {
    const k = uniqueKey();
    const r1 = await a.call(op, { body: { name: `Idem ${op}` }, idempotencyKey: k });
    const r2 = await a.call(op, { body: { name: `Idem ${op}` }, idempotencyKey: k });
    expect([r1.status, r2.status, r2.headers["idempotent-replayed"]]).toEqual([201, 201, "true"]); // without the key, the second would be a name conflict
    expect(r2.body).toEqual(r1.body);
  }
});

test("an error is replayed as well", async ({ request }) => {
  const a = api(request, alice.token);
  const key = uniqueKey();
  const first = await a.call("createProject", { body: { name: "" }, idempotencyKey: key });
  const again = await a.call("createProject", { body: { name: "" }, idempotencyKey: key });
  expect([first.status, again.status, again.headers["idempotent-replayed"]]).toEqual([400, 400, "true"]);
  expect(again.body).toEqual(first.body);
});

test("same key, another body or endpoint: 422 idempotency_mismatch, nothing created", async ({ request }) => {
  const a = api(request, alice.token);
  const key = uniqueKey();
  await a.ok("createProject", { body: { name: "First use" }, idempotencyKey: key });
  const projects = await totalOf(a, "listProjects");
  const mismatch = await a.fail("createProject", { body: { name: "Second use" }, idempotencyKey: key }, 422, "idempotency_mismatch");
  expect(mismatch.headers["idempotent-replayed"]).toBeUndefined();
  await a.fail("createClient", { body: { name: "First use" }, idempotencyKey: key }, 422, "idempotency_mismatch");
  await a.fail("createProject", { raw: "{\"name\":\"First use\" }", idempotencyKey: key }, 422, "idempotency_mismatch");
  expect(await totalOf(a, "listProjects")).toBe(projects);
  expect((await a.ok("listClients")).clients.map((c) => c.name)).not.toContain("First use");
});

test("keys belong to one token: another token (or the browser session) may use the same key", async ({ request }) => {
  const other = api(request, (await mintToken(alice, USER_SCOPES)).token);
  const a = api(request, alice.token);
  const key = uniqueKey();
  // Three names: one client may not have two projects of one name.
  const mine = await a.ok("createProject", { body: { name: "Shared key 1" }, idempotencyKey: key });
  const theirs = await other.ok("createProject", { body: { name: "Shared key 2" }, idempotencyKey: key });
  expect(theirs.project.id).not.toBe(mine.project.id);
  const session = await signedIn(alice);
  const viaSession = await api(session).ok("createProject", { body: { name: "Shared key 3" }, idempotencyKey: key });
  expect(viaSession.project.id).not.toBe(mine.project.id);
  const sessionReplay = await api(session).call("createProject", { body: { name: "Shared key 3" }, idempotencyKey: key });
  expect([sessionReplay.body, sessionReplay.headers["idempotent-replayed"]]).toEqual([viaSession, "true"]);
  await session.dispose();
  expect((await a.ok("listProjects", { query: { query: "Shared key" } })).pagination.total).toBe(3);
});

test("keys: 1 to 255 characters; ignored on other methods than POST", async ({ request }) => {
  const a = api(request, alice.token);
  await a.invalid("createProject", { body: { name: "Long key" }, idempotencyKey: "k".repeat(256) }, "Idempotency-Key");
  await a.invalid("createProject", { body: { name: "Empty key" }, headers: { "Idempotency-Key": "" } }, "Idempotency-Key");
  expect((await a.ok("createProject", { body: { name: "Longest key" }, idempotencyKey: "k".repeat(255) })).project.name).toBe("Longest key");
  const p = (await a.ok("createProject", { body: { name: "Patched twice" } })).project;
  const key = uniqueKey();
  await a.ok("patchProject", { id: p.id, body: { name: "One" }, idempotencyKey: key });
  const second = await a.call("patchProject", { id: p.id, body: { name: "Two" }, idempotencyKey: key });
  expect([second.status, second.headers["idempotent-replayed"]]).toEqual([200, undefined]);
  expect((await a.ok("getProject", { id: p.id })).project.name).toBe("Two");
});

test("simultaneous retries with one key create one object; the others replay it or are told to retry", async ({ request }) => {
  const a = api(request, alice.token);
  const before = await totalOf(a, "listClients");
  const key = uniqueKey();
  const replies = await Promise.all(Array.from({ length: 5 }, () => a.call("createClient", { body: { name: "Raced client" }, idempotencyKey: key })));
  const created = replies.filter((r) => r.status === 201);
  expect(created.length).toBeGreaterThanOrEqual(1);
  for (const r of replies) {
    if (r.status === 201) expect(r.body).toEqual(created[0].body);
    else expect([r.status, (r.body as { error_code: string }).error_code]).toEqual([409, "conflict"]);
  }
  expect(await totalOf(a, "listClients")).toBe(before + 1);
  // Once the first has answered, every retry is a replay.
  expect((await a.call("createClient", { body: { name: "Raced client" }, idempotencyKey: key })).body).toEqual(created[0].body);
});

test("a token created with a key is shown once: the retry mints nothing and gets 409 with the token's id, never the secret", async () => {
  const session = await signedIn(alice);
  const a = api(session);
  const key = uniqueKey();
  const body = { name: `Idem token ${key.slice(0, 8)}`, scopes: ["read:projects"] };
  const first = await a.ok("createToken", { body, idempotencyKey: key });
  for (let retry = 0; retry < 2; retry++) {
    const again = await a.fail("createToken", { body, idempotencyKey: key }, 409, "conflict");
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.created_id).toBe(first.api_token.id);
    expect(JSON.stringify(again.body)).not.toContain(first.token);
  }
  expect((await a.ok("listTokens")).tokens.filter((t) => t.name === body.name).map((t) => t.id)).toEqual([first.api_token.id]);
  // The token made by the first request works; the key did not keep it.
  expect((await api(session, first.token).ok("listProjects")).projects).toBeDefined();
  await session.dispose();
});
