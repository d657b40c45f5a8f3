import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { archiveProject, createProject, getProjectOrThrow } from "@/lib/projects/service";
import { makeUser } from "@/lib/testing/users";
import { createClient, deleteClient, getClientOrThrow, listClients, serializeClient, updateClient } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const err = (p: Promise<unknown>) => p.then(() => null, (e) => e);
const page = { page: 1, per_page: 50 };

describe("clients", () => {
  it("count their projects of any status, only the owner's, in the list and one by one", async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    const acme = await createClient(t.db, user, { name: "Acme" });
    const globex = await createClient(t.db, user, { name: "Globex" });
    const idle = await createClient(t.db, user, { name: "Idle" });
    expect(acme.projectCount).toBe(0);
    await createProject(t.db, user, { name: "Site", client_id: acme.id });
    const app = await createProject(t.db, user, { name: "App", client_id: acme.id });
    await archiveProject(t.db, user, app.id);
    await createProject(t.db, user, { name: "Shop", client_id: globex.id });
    await createProject(t.db, user, { name: "Own thing" });
    await createProject(t.db, other, { name: "Theirs" });

    const { items, total } = await listClients(t.db, user, page);
    expect(total).toBe(3);
    expect(items.map((c) => [c.name, c.projectCount])).toEqual([
      ["Acme", 2],
      ["Globex", 1],
      ["Idle", 0],
    ]);
    expect(serializeClient(items[0])).toMatchObject({ name: "Acme", project_count: 2, archived: false, status: "active" });
    expect((await getClientOrThrow(t.db, user, acme.id)).projectCount).toBe(2);
    expect((await updateClient(t.db, user, idle.id, { archived: true })).projectCount).toBe(0);
    expect((await listClients(t.db, user, page)).items.map((c) => c.name)).toEqual(["Acme", "Globex"]);
    expect((await listClients(t.db, user, { ...page, include_archived: true })).total).toBe(3);
  });

  it("refuse a name the user already has (in any letter case) as a field error", async () => {
    const user = await makeUser(t.db);
    await createClient(t.db, user, { name: "Initech" });
    const dup = await err(createClient(t.db, user, { name: "INITECH" }));
    expect(dup.details.fields.name).toEqual(["You already have a client with this name."]);
    const other = await createClient(t.db, user, { name: "Umbrella" });
    const renamed = await err(updateClient(t.db, user, other.id, { name: "initech" }));
    expect(renamed.details.fields.name).toEqual(["You already have a client with this name."]);
  });

  it("when deleted, leave their projects without a client", async () => {
    const user = await makeUser(t.db);
    const client = await createClient(t.db, user, { name: "Soon gone" });
    const project = await createProject(t.db, user, { name: "Kept", client_id: client.id });
    await deleteClient(t.db, user, client.id);
    const kept = await getProjectOrThrow(t.db, user, project.id);
    expect([kept.clientId, kept.clientName]).toEqual([null, null]);
    expect((await err(getClientOrThrow(t.db, user, client.id))).code).toBe("not_found");
  });
});
