import { api, expect, freshToken, newActor, test, totalOf, type Actor } from "./api-fixtures";

let alice: Actor;

test.beforeAll(async () => {
  alice = await newActor("clients");
});

const names = (list: { name: string }[]) => list.map((c) => c.name);

test("create, read, update, archive and delete a client", async ({ request }) => {
  const a = api(request, alice.token);
  const created = await a.ok("createClient", { body: { name: " Acme Corp ", email: "billing@acme.test", company: "Acme Corporation", phone: "+1 555 0100" } });
  expect(created.message).toBe("Client created");
  const c = created.client;
  expect(c).toMatchObject({ name: "Acme Corp", email: "billing@acme.test", company: "Acme Corporation", phone: "+1 555 0100", archived: false, status: "active", project_count: 0 });
  expect((await a.ok("getClient", { id: c.id })).client).toEqual(c);

  const patched = await a.ok("patchClient", { id: c.id, body: { phone: null, email: "" } });
  expect(patched.message).toBe("Client updated");
  expect(patched.client).toMatchObject({ name: "Acme Corp", phone: null, email: null, company: "Acme Corporation" });
  const put = (await a.ok("putClient", { id: c.id, body: { name: "Acme", archived: true } })).client;
  expect(put).toMatchObject({ name: "Acme", archived: true, status: "archived" });
  expect((await a.ok("putClient", { id: c.id, body: { archived: false } })).client.status).toBe("active");

  // Deleting keeps its projects, without a client.
  const project = (await a.ok("createProject", { body: { name: "Acme site", client_id: c.id } })).project;
  expect((await a.ok("getClient", { id: c.id })).client.project_count).toBe(1);
  expect(await a.ok("deleteClient", { id: c.id })).toEqual({ message: "Client deleted" });
  expect((await a.ok("getProject", { id: project.id })).project).toMatchObject({ client_id: null, client: null, name: "Acme site" });
  await a.fail("getClient", { id: c.id }, 404, "not_found");
  await a.fail("putClient", { id: c.id, body: { name: "x" } }, 404, "not_found");
  await a.fail("patchClient", { id: c.id, body: { name: "x" } }, 404, "not_found");
  await a.fail("deleteClient", { id: c.id }, 404, "not_found");
});

test("unknown and non-numeric ids are 404", async ({ request }) => {
  const a = api(request, alice.token);
  for (const id of ["999999999", "abc", "0", "-1", "99999999999"]) {
    await a.fail("getClient", { id }, 404, "not_found");
    await a.fail("patchClient", { id, body: { name: "x" } }, 404, "not_found");
    await a.fail("deleteClient", { id }, 404, "not_found");
  }
});

test("validation: names are required and unique (ignoring case), emails must look like emails", async ({ request }) => {
  const a = api(request, await freshToken(alice));
  const taken = (await a.ok("createClient", { body: { name: "Umbrella" } })).client;
  const before = await totalOf(a, "listClients", { include_archived: true });
  await a.invalid("createClient", { body: {} }, "name");
  for (const name of ["", 7, null, "n".repeat(201), "umbrella", " UMBRELLA "]) await a.invalid("createClient", { body: { name } }, "name");
  for (const email of ["not-an-email", 5, "a@"]) await a.invalid("createClient", { body: { name: "Email test", email } }, "email");
  await a.invalid("createClient", { body: { name: "x", company: "c".repeat(201) } }, "company");
  await a.invalid("createClient", { body: { name: "x", phone: "1".repeat(51) } }, "phone");
  await a.invalid("createClient", { raw: "{" }, "_");
  expect(await totalOf(a, "listClients", { include_archived: true })).toBe(before);
  const other = (await a.ok("createClient", { body: { name: "Other" } })).client;
  await a.invalid("patchClient", { id: other.id, body: { name: "UMBRELLA" } }, "name");
  await a.invalid("patchClient", { id: other.id, body: { archived: "yes" } }, "archived");
  expect((await a.ok("getClient", { id: other.id })).client.name).toBe("Other");
  expect((await a.ok("getClient", { id: taken.id })).client.name).toBe("Umbrella");
});

test.describe("the list", () => {
  let lister: Actor;

  test.beforeAll(async () => {
    lister = await newActor("clientlist");
  });

  test("by name, archived ones only with include_archived, with project counts", async ({ request }) => {
    const a = api(request, lister.token);
    const made: Record<string, number> = {};
    for (const name of ["delta", "Alpha", "charlie", "Bravo", "Echo"]) made[name] = (await a.ok("createClient", { body: { name } })).client.id;
    await a.ok("patchClient", { id: made.Echo, body: { archived: true } });
    await a.ok("createProject", { body: { name: "A1", client_id: made.Alpha } });
    await a.ok("createProject", { body: { name: "A2", client_id: made.Alpha, status: "archived" } });
    await a.ok("createProject", { body: { name: "B1", client_id: made.Bravo } });

    const active = await a.ok("listClients");
    expect(names(active.clients)).toEqual(["Alpha", "Bravo", "charlie", "delta"]);
    expect(active.clients.map((c) => c.project_count)).toEqual([2, 1, 0, 0]);
    expect(active.pagination).toMatchObject({ total: 4, pages: 1, has_next: false });
    for (const flag of ["true", "1"]) expect(names((await a.ok("listClients", { query: { include_archived: flag } })).clients)).toEqual(["Alpha", "Bravo", "charlie", "delta", "Echo"]);
    expect((await a.ok("listClients", { query: { include_archived: "false" } })).pagination.total).toBe(4);
    await a.invalid("listClients", { query: { include_archived: "sometimes" } }, "include_archived");

    const last = await a.ok("listClients", { query: { per_page: 3, page: 2 } });
    expect(names(last.clients)).toEqual(["delta"]);
    expect(last.pagination).toEqual({ page: 2, per_page: 3, total: 4, pages: 2, has_next: false, has_prev: true, next_page: null, prev_page: 1 });
    const beyond = await a.ok("listClients", { query: { per_page: 3, page: 5 } });
    expect([beyond.clients, beyond.pagination.has_next]).toEqual([[], false]);
    expect((await a.ok("listClients", { query: { per_page: 250 } })).pagination.per_page).toBe(100);
    for (const bad of ["0", "-1", "one"]) await a.invalid("listClients", { query: { page: bad } }, "page");
  });
});
