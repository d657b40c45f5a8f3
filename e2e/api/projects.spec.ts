import type { APIRequestContext } from "@playwright/test";
import { api, expect, freshToken, newActor, setupContext, test, totalOf, type Actor } from "./api-fixtures";

let alice: Actor;
let setup: APIRequestContext;
let acme: { id: number; name: string };
let globex: { id: number; name: string };

test.beforeAll(async () => {
  alice = await newActor("projects");
  setup = await setupContext();
  const a = api(setup, alice.token);
  acme = (await a.ok("createClient", { body: { name: "Acme" } })).client;
  globex = (await a.ok("createClient", { body: { name: "Globex" } })).client;
});
test.afterAll(() => setup?.dispose());

const names = (list: { name: string }[]) => list.map((p) => p.name);

test("create with every field, read it back, defaults for the rest", async ({ request }) => {
  const a = api(request, alice.token);
  const full = await a.ok("createProject", {
    body: { name: "  Website  ", description: "The new site", client_id: acme.id, hourly_rate: 80.5, estimated_hours: 120, status: "on_hold", billable: false, color: "#112233" },
  });
  expect(full.message).toBe("Project created");
  expect(full.project).toMatchObject({
    workspace_id: (await a.ok("me")).workspace.id,
    private: false,
    name: "Website",
    description: "The new site",
    client_id: acme.id,
    client: "Acme",
    hourly_rate: 80.5,
    estimated_hours: 120,
    status: "on_hold",
    billable: false,
    color: "#112233",
  });
  expect((await a.ok("getProject", { id: full.project.id })).project).toEqual(full.project);
  const plain = (await a.ok("createProject", { body: { name: "Plain" } })).project;
  expect(plain).toMatchObject({ description: null, client_id: null, client: null, hourly_rate: null, estimated_hours: null, status: "active", billable: true });
  expect(plain.color).toMatch(/^#[0-9a-f]{6}$/i);
  // Numbers may come as numeric text (forms), and empty text clears a description.
  const texty = (await a.ok("createProject", { body: { name: "Texty", hourly_rate: "95", estimated_hours: "7.5", description: "" } })).project;
  expect([texty.hourly_rate, texty.estimated_hours, texty.description]).toEqual([95, 7.5, null]);
});

test("PUT and PATCH change only what is sent; null clears the client; DELETE archives", async ({ request }) => {
  const a = api(request, alice.token);
  const p = (await a.ok("createProject", { body: { name: "Editable", client_id: acme.id, hourly_rate: 50 } })).project;
  const patched = await a.ok("patchProject", { id: p.id, body: { name: "Edited" } });
  expect(patched.message).toBe("Project updated");
  expect(patched.project).toMatchObject({ name: "Edited", client_id: acme.id, hourly_rate: 50, status: "active" });
  const put = (await a.ok("putProject", { id: p.id, body: { client_id: globex.id, hourly_rate: null, status: "on_hold", billable: false } })).project;
  expect(put).toMatchObject({ name: "Edited", client_id: globex.id, client: "Globex", hourly_rate: null, status: "on_hold", billable: false });
  const cleared = (await a.ok("patchProject", { id: p.id, body: { client_id: null } })).project;
  expect([cleared.client_id, cleared.client]).toEqual([null, null]);
  expect((await a.ok("patchProject", { id: p.id, body: {} })).project).toMatchObject({ name: "Edited", status: "on_hold" });

  expect(await a.ok("deleteProject", { id: p.id })).toEqual({ message: "Project archived" });
  const archived = (await a.ok("getProject", { id: p.id })).project;
  expect(archived.status).toBe("archived");
  expect(archived.name).toBe("Edited");
  // Archiving again is harmless; a project that does not exist is 404.
  await a.ok("deleteProject", { id: p.id });
  for (const id of ["999999999", "abc", "0", "-4", "2.5", "99999999999"]) {
    await a.fail("getProject", { id }, 404, "not_found");
    await a.fail("putProject", { id, body: { name: "x" } }, 404, "not_found");
    await a.fail("patchProject", { id, body: { name: "x" } }, 404, "not_found");
    await a.fail("deleteProject", { id }, 404, "not_found");
  }
});

test("validation: 400 by field, nothing created or changed", async ({ request }) => {
  const a = api(request, await freshToken(alice));
  const before = await totalOf(a, "listProjects");
  await a.invalid("createProject", { body: {} }, "name");
  for (const name of ["", "   ", 42, null, ["x"], "x".repeat(201)]) await a.invalid("createProject", { body: { name } }, "name");
  await a.invalid("createProject", { body: { name: "x", description: "d".repeat(2001) } }, "description");
  await a.invalid("createProject", { body: { name: "x", status: "done" } }, "status");
  for (const rate of [-1, "abc", true, "", [5], 1e11]) await a.invalid("createProject", { body: { name: "x", hourly_rate: rate } }, "hourly_rate");
  for (const hours of [-1, 1e9, false]) await a.invalid("createProject", { body: { name: "x", estimated_hours: hours } }, "estimated_hours");
  await a.invalid("createProject", { body: { name: "x", billable: "true" } }, "billable");
  await a.invalid("createProject", { body: { name: "x", color: "red" } }, "color");
  for (const client_id of ["abc", true, 0, -1, 1.5, 2 ** 31, [acme.id], 999_999_999]) await a.invalid("createProject", { body: { name: "x", client_id } }, "client_id");
  await a.invalid("createProject", { body: { name: "x", status: "bogus", color: "nope" } }, "status", "color");
  expect(await totalOf(a, "listProjects")).toBe(before);

  const p = (await a.ok("createProject", { body: { name: "Stays" } })).project;
  await a.invalid("putProject", { id: p.id, body: { name: "" } }, "name");
  await a.invalid("patchProject", { id: p.id, body: { client_id: 999_999_999 } }, "client_id");
  await a.invalid("patchProject", { id: p.id, raw: "{\"name\":" }, "_");
  expect((await a.ok("getProject", { id: p.id })).project).toEqual(p);
});

test.describe("the list", () => {
  let lister: Actor;
  const made: Record<string, number> = {};

  test.beforeAll(async () => {
    lister = await newActor("projectlist");
    const a = api(setup, lister.token);
    const client = (await a.ok("createClient", { body: { name: "Initech" } })).client;
    made.client = client.id;
    for (const [key, body] of Object.entries({
      cobweb: { name: "Bigzebra Studio" },
      word: { name: "Big Zebra", client_id: client.id },
      exact: { name: "Zebra", status: "on_hold" },
      prefix: { name: "Zebra Crossing", client_id: client.id },
      other: { name: "Unrelated", status: "archived" },
      percent: { name: "100% done" },
    })) {
      made[key] = (await a.ok("createProject", { body })).project.id;
    }
  });

  test("by name, every status unless status is given; status and client_id filter", async ({ request }) => {
    const a = api(request, lister.token);
    const all = await a.ok("listProjects");
    expect(names(all.projects)).toEqual(["100% done", "Big Zebra", "Bigzebra Studio", "Unrelated", "Zebra", "Zebra Crossing"]);
    expect(all.pagination).toMatchObject({ page: 1, per_page: 50, total: 6, pages: 1 });
    expect(names((await a.ok("listProjects", { query: { status: "archived" } })).projects)).toEqual(["Unrelated"]);
    expect(names((await a.ok("listProjects", { query: { status: "on_hold" } })).projects)).toEqual(["Zebra"]);
    expect((await a.ok("listProjects", { query: { status: "active" } })).pagination.total).toBe(4);
    expect((await a.ok("listProjects", { query: { status: "all" } })).pagination.total).toBe(6);
    expect(names((await a.ok("listProjects", { query: { client_id: made.client } })).projects)).toEqual(["Big Zebra", "Zebra Crossing"]);
    expect(names((await a.ok("listProjects", { query: { client_id: made.client, status: "active" } })).projects)).toEqual(["Big Zebra", "Zebra Crossing"]);
    expect((await a.ok("listProjects", { query: { client_id: 999_999_999 } })).projects).toEqual([]);
    await a.invalid("listProjects", { query: { status: "deleted" } }, "status");
    for (const bad of ["abc", "0", "99999999999"]) await a.invalid("listProjects", { query: { client_id: bad } }, "client_id");
  });

  test("query ranks exact, then prefix, then word, then contains; case does not matter; wildcards are literal", async ({ request }) => {
    const a = api(request, lister.token);
    const ranked = await a.ok("listProjects", { query: { query: "zebra" } });
    expect(names(ranked.projects)).toEqual(["Zebra", "Zebra Crossing", "Big Zebra", "Bigzebra Studio"]);
    expect(ranked.pagination.total).toBe(4);
    expect(names((await a.ok("listProjects", { query: { query: "  ZEBRA " } })).projects)).toEqual(["Zebra", "Zebra Crossing", "Big Zebra", "Bigzebra Studio"]);
    expect(names((await a.ok("listProjects", { query: { query: "zebra", status: "active" } })).projects)).toEqual(["Zebra Crossing", "Big Zebra", "Bigzebra Studio"]);
    expect(names((await a.ok("listProjects", { query: { query: "%" } })).projects)).toEqual(["100% done"]);
    expect((await a.ok("listProjects", { query: { query: "_" } })).projects).toEqual([]);
    expect((await a.ok("listProjects", { query: { query: "nothing like it" } })).projects).toEqual([]);
    await a.invalid("listProjects", { query: { query: "q".repeat(201) } }, "query");
  });

  test("limit keeps the best matches", async ({ request }) => {
    const a = api(request, lister.token);
    const top = await a.ok("listProjects", { query: { query: "zebra", limit: 2 } });
    expect(names(top.projects)).toEqual(["Zebra", "Zebra Crossing"]);
    expect(top.pagination).toMatchObject({ page: 1, per_page: 2, total: 4, pages: 2, has_next: true });
    expect(names((await a.ok("listProjects", { query: { limit: 1 } })).projects)).toEqual(["100% done"]);
    for (const bad of ["0", "101", "abc", "-1"]) await a.invalid("listProjects", { query: { limit: bad } }, "limit");
  });

  test("pagination: last page, beyond it, per_page capped, bad numbers", async ({ request }) => {
    const a = api(request, lister.token);
    const last = await a.ok("listProjects", { query: { per_page: 4, page: 2 } });
    expect(names(last.projects)).toEqual(["Zebra", "Zebra Crossing"]);
    expect(last.pagination).toEqual({ page: 2, per_page: 4, total: 6, pages: 2, has_next: false, has_prev: true, next_page: null, prev_page: 1 });
    const beyond = await a.ok("listProjects", { query: { per_page: 4, page: 3 } });
    expect([beyond.projects, beyond.pagination.has_next, beyond.pagination.next_page]).toEqual([[], false, null]);
    expect((await a.ok("listProjects", { query: { per_page: 101 } })).pagination.per_page).toBe(100);
    for (const bad of ["0", "-2", "x"]) {
      await a.invalid("listProjects", { query: { page: bad } }, "page");
      await a.invalid("listProjects", { query: { per_page: bad } }, "per_page");
    }
  });
});

test("one name per client, whatever its case: 409 with errors.name on create and rename, never a 500 in a race", async ({ request }) => {
  const owner = await newActor("projectnames");
  const a = api(request, owner.token);
  const client = (await a.ok("createClient", { body: { name: "Umbrella" } })).client;
  const loose = (await a.ok("createProject", { body: { name: "Roadmap" } })).project;
  const dup = await a.fail("createProject", { body: { name: "ROADMAP" } }, 409, "conflict");
  expect(dup.body.errors).toEqual({ name: ["There is already a project “Roadmap” without a client. Choose another name."] });
  expect(dup.body.message).toBe("There is already a project “Roadmap” without a client.");
  const forClient = (await a.ok("createProject", { body: { name: "Roadmap", client_id: client.id } })).project;
  const renamed = (await a.ok("createProject", { body: { name: "Plan", client_id: client.id } })).project;
  const clash = await a.fail("patchProject", { id: renamed.id, body: { name: "roadmap" } }, 409, "conflict");
  expect(clash.body.errors?.name).toEqual(["There is already a project “Roadmap” for this client. Choose another name."]);
  await a.fail("putProject", { id: loose.id, body: { client_id: client.id } }, 409, "conflict");
  expect((await a.ok("patchProject", { id: loose.id, body: { name: "roadmap" } })).project.name).toBe("roadmap");
  // Many creates at once: one wins, the others get the same documented 409.
  const raced = await Promise.all(Array.from({ length: 5 }, () => a.call("createProject", { body: { name: "Sprint" } })));
  expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  for (const r of raced.filter((x) => x.status === 409)) expect((r.body as { errors?: Record<string, string[]> }).errors?.name?.[0]).toMatch(/^There is already a project “Sprint”/);
  const roadmaps = (await a.ok("listProjects", { query: { query: "roadmap" } })).projects.map((p) => [p.id, p.name, p.client_id]);
  expect(roadmaps.sort()).toEqual([
    [loose.id, "roadmap", null],
    [forClient.id, "Roadmap", client.id],
  ].sort());
});
