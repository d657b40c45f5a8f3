import type { APIRequestContext } from "@playwright/test";
import { api, expect, newActor, setupContext, signedIn, test, type Actor, type Api, type Body } from "./api-fixtures";

// User B reaches none of user A's objects, by any endpoint: every id of A is 404 for B (as if absent),
// every reference to one is a field error, and no list or filter shows them.
let alice: Actor;
let bob: Actor;
let setup: APIRequestContext;
let a: {
  client: Body<"getClient">["client"];
  project: Body<"getProject">["project"];
  task: Body<"getTask">["task"];
  entry: Body<"getEntry">["time_entry"];
  timer: Body<"getEntry">["time_entry"];
  tag: { id: number; name: string };
};

test.beforeAll(async () => {
  [alice, bob] = await Promise.all([newActor("alice"), newActor("bob")]);
  setup = await setupContext();
  const as = api(setup, alice.token);
  const client = (await as.ok("createClient", { body: { name: "Alice's client" } })).client;
  const project = (await as.ok("createProject", { body: { name: "Alice's project", client_id: client.id } })).project;
  const task = (await as.ok("createTask", { body: { name: "Alice's task", project_id: project.id } })).task;
  const tag = (await as.ok("createTag", { body: { name: "alice-only" } })).tag;
  const entry = (await as.ok("createEntry", { body: { task_id: task.id, start_time: "2026-02-02T09:00Z", duration_seconds: 3600, tags: [tag.name] } })).time_entry;
  const timer = (await as.ok("timerStart", { body: { project_id: project.id, notes: "Alice is working" } })).timer;
  a = {
    client: (await as.ok("getClient", { id: client.id })).client,
    project: (await as.ok("getProject", { id: project.id })).project,
    task,
    entry,
    timer,
    tag: { id: tag.id, name: tag.name },
  };
});
test.afterAll(() => setup?.dispose());

test("every id of A's is 404 for B, whatever the method", async ({ request }) => {
  const b = api(request, bob.token);
  const body = { name: "Taken over", notes: "Taken over" };
  for (const [get, put, patch, del, id] of [
    ["getProject", "putProject", "patchProject", "deleteProject", a.project.id],
    ["getClient", "putClient", "patchClient", "deleteClient", a.client.id],
    ["getTask", "putTask", "patchTask", "deleteTask", a.task.id],
    ["getEntry", "putEntry", "patchEntry", "deleteEntry", a.entry.id],
    ["getEntry", "putEntry", "patchEntry", "deleteEntry", a.timer.id],
    [null, "putTag", "patchTag", "deleteTag", a.tag.id],
  ] as const) {
    if (get) await b.fail(get, { id }, 404, "not_found");
    await b.fail(put, { id, body }, 404, "not_found");
    await b.fail(patch, { id, body }, 404, "not_found");
    await b.fail(del, { id }, 404, "not_found");
  }
  // A's token cannot be revoked by B either (tokens are managed with a session or admin:all).
  const session = await signedIn(bob);
  await api(session).fail("revokeToken", { id: alice.tokenId }, 404, "not_found");
  const bobsTokens = (await api(session).ok("listTokens")).tokens;
  expect(bobsTokens.map((t) => t.id)).toContain(bob.tokenId);
  expect(bobsTokens.map((t) => t.id)).not.toContain(alice.tokenId);
  expect((await api(request, alice.token).ok("me")).user.id).toBe(alice.id);
  await session.dispose();
});

test("creating or changing B's objects with A's ids is a 400 on that field", async ({ request }) => {
  const b = api(request, bob.token);
  const own = (await b.ok("createProject", { body: { name: "Bob's project" } })).project;
  const ownEntry = (await b.ok("createEntry", { body: { start_time: "2026-02-03T09:00Z", duration_seconds: 60 } })).time_entry;
  await b.invalid("createProject", { body: { name: "x", client_id: a.client.id } }, "client_id");
  await b.invalid("putProject", { id: own.id, body: { client_id: a.client.id } }, "client_id");
  await b.invalid("patchProject", { id: own.id, body: { client_id: a.client.id } }, "client_id");
  await b.invalid("createTask", { body: { name: "x", project_id: a.project.id } }, "project_id");
  await b.invalid("createEntry", { body: { project_id: a.project.id, start_time: "2026-02-04T09:00Z", duration_seconds: 60 } }, "project_id");
  await b.invalid("createEntry", { body: { task_id: a.task.id, start_time: "2026-02-04T09:00Z", duration_seconds: 60 } }, "task_id");
  await b.invalid("putEntry", { id: ownEntry.id, body: { project_id: a.project.id } }, "project_id");
  await b.invalid("patchEntry", { id: ownEntry.id, body: { task_id: a.task.id } }, "task_id");
  await b.invalid("timerStart", { body: { project_id: a.project.id } }, "project_id");
  await b.invalid("timerStart", { body: { task_id: a.task.id } }, "task_id");
  expect((await b.ok("getProject", { id: own.id })).project.client_id).toBeNull();
  expect((await b.ok("getEntry", { id: ownEntry.id })).time_entry).toEqual(ownEntry);
  // Names are per user: B may use the same ones.
  expect((await b.ok("createClient", { body: { name: a.client.name } })).client.name).toBe(a.client.name);
  expect((await b.ok("createTag", { body: { name: a.tag.name } })).tag.id).not.toBe(a.tag.id);
});

test("no list, filter, report or timer of B shows A's objects", async ({ request }) => {
  const b = api(request, bob.token);
  const idsOf = async (client: Api, op: "listProjects" | "listClients" | "listTasks" | "listEntries", query = {}) => {
    const body = (await client.ok(op, { query: { per_page: 100, ...query } })) as Record<string, unknown>;
    return (Object.values(body).find(Array.isArray) as { id: number }[]).map((x) => x.id);
  };
  expect(await idsOf(b, "listProjects", { status: "all" })).not.toContain(a.project.id);
  expect(await idsOf(b, "listClients", { include_archived: true })).not.toContain(a.client.id);
  expect(await idsOf(b, "listTasks")).not.toContain(a.task.id);
  const entries = await idsOf(b, "listEntries", { include_active: true });
  expect(entries).not.toContain(a.entry.id);
  expect(entries).not.toContain(a.timer.id);
  expect((await b.ok("listTags")).tags.map((t) => t.id)).not.toContain(a.tag.id);
  // Filters by A's ids find nothing.
  expect(await idsOf(b, "listEntries", { project_id: a.project.id, include_active: true })).toEqual([]);
  expect(await idsOf(b, "listTasks", { project_id: a.project.id })).toEqual([]);
  expect(await idsOf(b, "listProjects", { client_id: a.client.id })).toEqual([]);
  expect((await b.ok("listProjects", { query: { query: "Alice" } })).projects).toEqual([]);
  const summary = (await b.ok("summary", { query: { start_date: "2026-02-01", end_date: "2026-02-28", project_id: a.project.id } })).summary;
  expect([summary.total_entries, summary.by_project]).toEqual([0, []]);
  expect((await b.ok("overview", { query: { period: "month", date: "2026-02-01" } })).overview.projects.map((p) => p.project_id)).not.toContain(a.project.id);
  // B owns their own workspace, where A is no member: no such member (B learns nothing about A's data).
  await b.fail("listEntries", { query: { user_id: alice.id } }, 404, "not_found");
  await b.fail("summary", { query: { user_id: alice.id } }, 404, "not_found");
  // A's running timer is not B's: B has none to stop, and may start one of their own.
  expect(await b.ok("timerStatus")).toMatchObject({ active: false, timer: null });
  await b.fail("timerStop", {}, 400, "no_active_timer");
  const bobs = (await b.ok("timerStart", { body: { notes: "Bob is working" } })).timer;
  expect(bobs.user_id).toBe(bob.id);
  expect((await b.ok("timerStop")).time_entry.id).toBe(bobs.id);
});

test("after all of B's attempts, A's objects are unchanged", async ({ request }) => {
  const as = api(request, alice.token);
  expect((await as.ok("getClient", { id: a.client.id })).client).toEqual(a.client);
  // Tracked time grows with A's running timer; everything else about the project must be as it was.
  const withoutTime = ({ tracked_seconds, tracked_seconds_this_month, billable_seconds, billable_amount, ...rest }: typeof a.project) => rest;
  expect(withoutTime((await as.ok("getProject", { id: a.project.id })).project)).toEqual(withoutTime(a.project));
  expect((await as.ok("getTask", { id: a.task.id })).task).toEqual(a.task);
  expect((await as.ok("getEntry", { id: a.entry.id })).time_entry).toEqual(a.entry);
  const status = await as.ok("timerStatus");
  expect([status.active, status.timer?.id, status.timer?.notes]).toEqual([true, a.timer.id, "Alice is working"]);
  expect((await as.ok("listTags")).tags.map((t) => t.name)).toEqual([a.tag.name]);
  expect((await as.ok("me")).user.email).toBe(alice.email);
});
