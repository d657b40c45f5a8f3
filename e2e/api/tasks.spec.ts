import type { APIRequestContext } from "@playwright/test";
import { api, expect, freshToken, newActor, setupContext, test, totalOf, type Actor } from "./api-fixtures";

let alice: Actor;
let setup: APIRequestContext;
let site: { id: number; name: string };
let app: { id: number; name: string };

test.beforeAll(async () => {
  alice = await newActor("tasks");
  setup = await setupContext();
  const a = api(setup, alice.token);
  site = (await a.ok("createProject", { body: { name: "Site" } })).project;
  app = (await a.ok("createProject", { body: { name: "App" } })).project;
});
test.afterAll(() => setup?.dispose());

test("create with every field, defaults, read, update, delete", async ({ request }) => {
  const a = api(request, alice.token);
  const created = await a.ok("createTask", {
    body: { name: "Homepage", description: "Hero and footer", project_id: site.id, status: "in_progress", priority: "high", estimated_hours: 6.5, due_date: "2026-12-31" },
  });
  expect(created.message).toBe("Task created");
  const t = created.task;
  expect(t).toMatchObject({ name: "Homepage", description: "Hero and footer", project_id: site.id, project: "Site", status: "in_progress", priority: "high", estimated_hours: 6.5, due_date: "2026-12-31" });
  expect((await a.ok("getTask", { id: t.id })).task).toEqual(t);
  const plain = (await a.ok("createTask", { body: { name: "Plain", project_id: String(app.id) } })).task;
  expect(plain).toMatchObject({ project_id: app.id, project: "App", status: "todo", priority: "medium", description: null, estimated_hours: null, due_date: null });

  const patched = await a.ok("patchTask", { id: t.id, body: { status: "done" } });
  expect(patched.message).toBe("Task updated");
  expect(patched.task).toMatchObject({ name: "Homepage", status: "done", priority: "high" });
  const put = (await a.ok("putTask", { id: t.id, body: { name: "Landing page", due_date: null, estimated_hours: null, priority: "urgent" } })).task;
  expect(put).toMatchObject({ name: "Landing page", due_date: null, estimated_hours: null, priority: "urgent", status: "done", project_id: site.id });

  // Deleting a task keeps its time, on the same project.
  const entry = (await a.ok("createEntry", { body: { task_id: t.id, start_time: "2026-04-01T09:00Z", duration_seconds: 900 } })).time_entry;
  expect(await a.ok("deleteTask", { id: t.id })).toEqual({ message: "Task deleted" });
  expect((await a.ok("getEntry", { id: entry.id })).time_entry).toMatchObject({ task_id: null, task: null, project_id: site.id, duration_seconds: 900 });
  for (const op of ["getTask", "deleteTask"] as const) await a.fail(op, { id: t.id }, 404, "not_found");
  await a.fail("putTask", { id: t.id, body: { name: "x" } }, 404, "not_found");
  await a.fail("patchTask", { id: t.id, body: { name: "x" } }, 404, "not_found");
  for (const id of ["abc", "0", "-7", "99999999999"]) await a.fail("getTask", { id }, 404, "not_found");
});

test("validation: 400 by field, nothing created", async ({ request }) => {
  const a = api(request, await freshToken(alice));
  const before = await totalOf(a, "listTasks");
  await a.invalid("createTask", { body: {} }, "name", "project_id");
  for (const project_id of [null, "abc", true, 0, -1, 2 ** 31, [site.id]]) await a.invalid("createTask", { body: { name: "x", project_id } }, "project_id");
  const unknown = await a.invalid("createTask", { body: { name: "x", project_id: 999_999_999 } }, "project_id");
  expect(unknown.errors?.project_id).toEqual(["No such project."]);
  for (const name of ["", 3, "n".repeat(201)]) await a.invalid("createTask", { body: { name, project_id: site.id } }, "name");
  await a.invalid("createTask", { body: { name: "x", project_id: site.id, status: "blocked" } }, "status");
  await a.invalid("createTask", { body: { name: "x", project_id: site.id, priority: "critical" } }, "priority");
  for (const due_date of ["2026-02-30", "31/12/2026", 20261231]) await a.invalid("createTask", { body: { name: "x", project_id: site.id, due_date } }, "due_date");
  for (const estimated_hours of [-1, 1e9, "many"]) await a.invalid("createTask", { body: { name: "x", project_id: site.id, estimated_hours } }, "estimated_hours");
  await a.invalid("createTask", { body: { name: "x", project_id: site.id, description: "d".repeat(2001) } }, "description");
  expect(await totalOf(a, "listTasks")).toBe(before);
  const t = (await a.ok("createTask", { body: { name: "Stays", project_id: site.id } })).task;
  await a.invalid("patchTask", { id: t.id, body: { status: "nope" } }, "status");
  await a.invalid("putTask", { id: t.id, body: { name: "" } }, "name");
  expect((await a.ok("getTask", { id: t.id })).task).toEqual(t);
});

test.describe("the list", () => {
  let lister: Actor;
  const made: Record<string, number> = {};
  let p1: number;
  let p2: number;

  test.beforeAll(async () => {
    lister = await newActor("tasklist");
    const a = api(setup, lister.token);
    p1 = (await a.ok("createProject", { body: { name: "P1" } })).project.id;
    p2 = (await a.ok("createProject", { body: { name: "P2" } })).project.id;
    for (const [name, project_id, status] of [
      ["delta", p1, "todo"],
      ["Alpha", p1, "done"],
      ["charlie", p2, "todo"],
      ["Bravo", p2, "in_progress"],
      ["echo", p1, "todo"],
    ] as const) {
      made[name] = (await a.ok("createTask", { body: { name, project_id, status } })).task.id;
    }
  });

  test("by name; filters project_id and status, alone and together", async ({ request }) => {
    const a = api(request, lister.token);
    const names = async (query: Record<string, string | number> = {}) => (await a.ok("listTasks", { query })).tasks.map((t) => t.name);
    expect(await names()).toEqual(["Alpha", "Bravo", "charlie", "delta", "echo"]);
    expect(await names({ project_id: p1 })).toEqual(["Alpha", "delta", "echo"]);
    expect(await names({ status: "todo" })).toEqual(["charlie", "delta", "echo"]);
    expect(await names({ status: "todo", project_id: p2 })).toEqual(["charlie"]);
    expect(await names({ status: "cancelled" })).toEqual([]);
    expect(await names({ project_id: 999_999_999 })).toEqual([]);
    await a.invalid("listTasks", { query: { status: "blocked" } }, "status");
    for (const bad of ["abc", "0", "99999999999"]) await a.invalid("listTasks", { query: { project_id: bad } }, "project_id");
  });

  test("pagination: last page, beyond it, per_page capped", async ({ request }) => {
    const a = api(request, lister.token);
    const last = await a.ok("listTasks", { query: { per_page: 2, page: 3 } });
    expect(last.tasks.map((t) => t.name)).toEqual(["echo"]);
    expect(last.pagination).toEqual({ page: 3, per_page: 2, total: 5, pages: 3, has_next: false, has_prev: true, next_page: null, prev_page: 2 });
    const beyond = await a.ok("listTasks", { query: { per_page: 2, page: 4 } });
    expect([beyond.tasks, beyond.pagination.has_next]).toEqual([[], false]);
    expect((await a.ok("listTasks", { query: { per_page: 999 } })).pagination.per_page).toBe(100);
    for (const bad of ["0", "-1", "x"]) await a.invalid("listTasks", { query: { page: bad } }, "page");
  });
});

test("priority as the TimeTracker API sends it: the integers 1-4 (1 low … 4 urgent) as well as the names", async ({ request }) => {
  const a = api(request, alice.token);
  const names = ["low", "medium", "high", "urgent"];
  for (const [i, name] of names.entries()) {
    const { task } = await a.ok("createTask", { body: { name: `Priority ${i + 1}`, project_id: site.id, priority: i + 1 } });
    expect(task.priority).toBe(name);
    expect((await a.ok("getTask", { id: task.id })).task.priority).toBe(name);
  }
  const t = (await a.ok("createTask", { body: { name: "Priority patched", project_id: site.id, priority: "low" } })).task;
  expect((await a.ok("patchTask", { id: t.id, body: { priority: 4 } })).task.priority).toBe("urgent");
  expect((await a.ok("putTask", { id: t.id, body: { priority: 2 } })).task.priority).toBe("medium");
  for (const priority of [0, 5, 1.5, "1", -1, null, true]) {
    const body = await a.invalid("createTask", { body: { name: "Bad priority", project_id: site.id, priority } }, "priority");
    expect(body.errors?.priority).toEqual(["Priority must be one of low, medium, high, urgent, or 1 to 4 (1 = low, 4 = urgent)."]);
  }
  // The OpenAPI document says so.
  const doc = JSON.stringify(await a.ok("openapi"));
  expect(doc).toContain("the TimeTracker API's integers 1 (low), 2 (medium), 3 (high), 4 (urgent)");
  expect(doc).toMatch(/"type":"integer","minimum":1,"maximum":4/);
});
