import type { OperationId } from "@/lib/api/operations";
import type { Scope } from "@/lib/tokens/scopes";
import { createUser, type TestUser } from "../fixtures";
import { api, expect, mintToken, ops, SCOPES, signedIn, test, USER_SCOPES } from "./api-fixtures";

// Every operation that needs a scope, with that scope.
const scoped = (Object.entries(ops) as [OperationId, (typeof ops)[OperationId]][]).filter(([, op]) => op.scope !== "public" && op.scope !== null) as [
  OperationId,
  (typeof ops)[OperationId] & { scope: Scope },
][];
// Arguments that get any operation past authentication and the scope check: a path id that does not
// exist (404) and an empty body (400 for creations).
const args = { id: 999_999_999, body: {} };

let user: TestUser;
let admin: TestUser;

test.beforeAll(async () => {
  [user, admin] = await Promise.all([createUser("scoped"), createUser("scopeadmin", { admin: true })]);
});

test("every operation refuses a token without its scope: 403 insufficient_scope naming it and the token's scopes", async ({ request }) => {
  // For each scope, a token with every other scope the user can have.
  const without = new Map<Scope, string[]>();
  const tokens = new Map<Scope, string>();
  for (const scope of SCOPES) {
    const rest = USER_SCOPES.filter((s) => s !== scope);
    without.set(scope, rest);
    tokens.set(scope, (await mintToken(user, rest)).token);
  }
  // Every scope guards some operation, but read:team: it widens what the reading operations reach (other
  // members' entries and reports, lib/workspaces/policy.ts), and needs no operation of its own.
  expect(new Set(scoped.map(([, op]) => op.scope))).toEqual(new Set(SCOPES.filter((s) => s !== "read:team")));
  for (const [opId, op] of scoped) {
    const { body } = await api(request, tokens.get(op.scope)!).fail(opId, args, 403, "insufficient_scope");
    expect(body.required_scope, opId).toBe(op.scope);
    expect([...(body.available_scopes ?? [])].sort(), opId).toEqual([...without.get(op.scope)!].sort());
    expect(body.message, opId).toContain(op.scope);
  }
});

test("each scope alone opens exactly the operations that need it (write does not imply read)", async ({ request }) => {
  for (const scope of USER_SCOPES) {
    // A user per scope: a user's tokens share one rate-limit allowance, and scopes × operations calls in
    // a minute would run into it.
    const a = api(request, (await mintToken(await createUser(`scope-${scope.replace(":", "-")}`), [scope])).token);
    for (const [opId, op] of scoped) {
      const reply = await a.call(opId, args);
      if (op.scope === scope) expect(reply.status, `${opId} with ${scope}: ${JSON.stringify(reply.body)}`).not.toBe(403);
      else {
        expect(reply.status, `${opId} without ${op.scope}, with ${scope}`).toBe(403);
        expect((reply.body as { required_scope: string }).required_scope).toBe(op.scope);
      }
    }
  }
});

test("write without read: creating works, reading back does not", async ({ request }) => {
  const writeOnly = api(request, (await mintToken(user, ["write:projects", "write:clients", "write:tasks", "write:time_entries"])).token);
  const project = (await writeOnly.ok("createProject", { body: { name: "Write only" } })).project;
  await writeOnly.fail("getProject", { id: project.id }, 403, "insufficient_scope");
  await writeOnly.fail("listProjects", {}, 403, "insufficient_scope");
  expect((await writeOnly.ok("patchProject", { id: project.id, body: { name: "Still writable" } })).project.name).toBe("Still writable");
  const client = (await writeOnly.ok("createClient", { body: { name: "Write only client" } })).client;
  await writeOnly.fail("getClient", { id: client.id }, 403, "insufficient_scope");
  const task = (await writeOnly.ok("createTask", { body: { name: "Write only task", project_id: project.id } })).task;
  await writeOnly.fail("getTask", { id: task.id }, 403, "insufficient_scope");
  const timer = (await writeOnly.ok("timerStart")).timer;
  await writeOnly.fail("timerStatus", {}, 403, "insufficient_scope");
  await writeOnly.fail("getEntry", { id: timer.id }, 403, "insufficient_scope");
  expect((await writeOnly.ok("timerStop")).time_entry.id).toBe(timer.id);
});

// Managing one's signed-in browsers is for a browser session only: no token scope reaches it.
const SESSION_ONLY: OperationId[] = ["listSessions", "revokeSession", "revokeOtherSessions"];

test("admin:all implies every scope", async ({ request }) => {
  const a = api(request, (await mintToken(admin, ["admin:all"])).token);
  for (const [opId] of scoped.filter(([opId]) => !SESSION_ONLY.includes(opId))) {
    const reply = await a.call(opId, { ...args, body: opId === "updateMe" ? {} : args.body });
    expect(reply.status, `${opId}: ${JSON.stringify(reply.body)}`).not.toBe(403);
  }
  await a.call("timerStop");
  expect((await a.ok("me")).user.id).toBe(admin.id);
});

test("a browser session has every scope", async () => {
  const session = await signedIn(user);
  const a = api(session);
  for (const [opId] of scoped) {
    if (opId === "updateMe") continue;
    const reply = await a.call(opId, args);
    expect(reply.status, `${opId}: ${JSON.stringify(reply.body)}`).not.toBe(403);
  }
  await a.call("timerStop");
  await session.dispose();
});
