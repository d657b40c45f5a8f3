import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projects } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { makeUser } from "@/lib/testing/users";
import { availableProjectName, createProject, updateProject } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const err = (p: Promise<unknown>) => p.then(() => null, (e) => e);
const namesOf = async (workspaceId: number) => (await t.db.select({ name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId))).map((r) => r.name).sort();

describe("one project name per client", () => {
  it("refuses a second project of the same name (any case) without a client, or under the same client, on the name field", async () => {
    const user = await makeUser(t.db);
    const acme = await createClient(t.db, user, { name: "Acme" });
    await createProject(t.db, user, { name: "Website" });
    const loose = await err(createProject(t.db, user, { name: "  WEBSITE " }));
    expect([loose.code, loose.status, loose.details.fields]).toEqual(["conflict", 409, { name: ["There is already a project “Website” without a client. Choose another name."] }]);

    await createProject(t.db, user, { name: "Website", client_id: acme.id });
    const forAcme = await err(createProject(t.db, user, { name: "website", client_id: acme.id }));
    expect(forAcme.details.fields.name).toEqual(["There is already a project “Website” for this client. Choose another name."]);
    // Another user, or another client, may use the name.
    const other = await makeUser(t.db);
    await createProject(t.db, other, { name: "Website" });
    expect(await namesOf(user.workspaceId)).toEqual(["Website", "Website"]);
  });

  it("refuses a rename or a move to a client onto a taken name, but not a change of case or other fields", async () => {
    const user = await makeUser(t.db);
    const acme = await createClient(t.db, user, { name: "Acme" });
    const a = await createProject(t.db, user, { name: "Alpha" });
    const b = await createProject(t.db, user, { name: "Beta" });
    await createProject(t.db, user, { name: "Beta", client_id: acme.id });
    expect((await err(updateProject(t.db, user, a.id, { name: "beta" }))).details.fields.name[0]).toMatch(/^There is already a project “Beta” without a client/);
    expect((await err(updateProject(t.db, user, b.id, { client_id: acme.id }))).details.fields.name[0]).toMatch(/^There is already a project “Beta” for this client/);
    expect((await updateProject(t.db, user, a.id, { name: "ALPHA", hourly_rate: 80 })).name).toBe("ALPHA");
    expect((await updateProject(t.db, user, b.id, { color: "#112233" })).color).toBe("#112233");
    expect(await namesOf(user.workspaceId)).toEqual(["ALPHA", "Beta", "Beta"]);
  });

  it("the unique index decides races: of simultaneous creates exactly one wins, the others get the same field error", async () => {
    const user = await makeUser(t.db);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createProject(t.db, user, { name: i % 2 ? "Race" : "race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect([r.reason.code, Object.keys(r.reason.details.fields)]).toEqual(["conflict", ["name"]]);
    const rows = await t.db.select().from(projects).where(and(eq(projects.workspaceId, user.workspaceId)));
    expect(rows).toHaveLength(1);
  });

  it("a name from elsewhere (an import) takes the next free “Name (n)”", async () => {
    const user = await makeUser(t.db);
    await createProject(t.db, user, { name: "Mobile" });
    await createProject(t.db, user, { name: "mobile (2)" });
    expect(await availableProjectName(t.db, user.workspaceId, null, "MOBILE")).toBe("MOBILE (3)");
    expect(await availableProjectName(t.db, user.workspaceId, null, "Desktop")).toBe("Desktop");
  });
});
