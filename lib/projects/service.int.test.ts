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
const namesOf = async (userId: number) => (await t.db.select({ name: projects.name }).from(projects).where(eq(projects.userId, userId))).map((r) => r.name).sort();

describe("one project name per client", () => {
  it("refuses a second project of the same name (any case) without a client, or under the same client, on the name field", async () => {
    const user = await makeUser(t.db);
    const acme = await createClient(t.db, user.id, { name: "Acme" });
    await createProject(t.db, user.id, { name: "Website" });
    const loose = await err(createProject(t.db, user.id, { name: "  WEBSITE " }));
    expect([loose.code, loose.status, loose.details.fields]).toEqual(["conflict", 409, { name: ["There is already a project “Website” without a client. Choose another name."] }]);

    await createProject(t.db, user.id, { name: "Website", client_id: acme.id });
    const forAcme = await err(createProject(t.db, user.id, { name: "website", client_id: acme.id }));
    expect(forAcme.details.fields.name).toEqual(["There is already a project “Website” for this client. Choose another name."]);
    // Another user, or another client, may use the name.
    const other = await makeUser(t.db);
    await createProject(t.db, other.id, { name: "Website" });
    expect(await namesOf(user.id)).toEqual(["Website", "Website"]);
  });

  it("refuses a rename or a move to a client onto a taken name, but not a change of case or other fields", async () => {
    const user = await makeUser(t.db);
    const acme = await createClient(t.db, user.id, { name: "Acme" });
    const a = await createProject(t.db, user.id, { name: "Alpha" });
    const b = await createProject(t.db, user.id, { name: "Beta" });
    await createProject(t.db, user.id, { name: "Beta", client_id: acme.id });
    expect((await err(updateProject(t.db, user.id, a.id, { name: "beta" }))).details.fields.name[0]).toMatch(/^There is already a project “Beta” without a client/);
    expect((await err(updateProject(t.db, user.id, b.id, { client_id: acme.id }))).details.fields.name[0]).toMatch(/^There is already a project “Beta” for this client/);
    expect((await updateProject(t.db, user.id, a.id, { name: "ALPHA", hourly_rate: 80 })).name).toBe("ALPHA");
    expect((await updateProject(t.db, user.id, b.id, { color: "#112233" })).color).toBe("#112233");
    expect(await namesOf(user.id)).toEqual(["ALPHA", "Beta", "Beta"]);
  });

  it("the unique index decides races: of simultaneous creates exactly one wins, the others get the same field error", async () => {
    const user = await makeUser(t.db);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createProject(t.db, user.id, { name: i % 2 ? "Race" : "race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect([r.reason.code, Object.keys(r.reason.details.fields)]).toEqual(["conflict", ["name"]]);
    const rows = await t.db.select().from(projects).where(and(eq(projects.userId, user.id)));
    expect(rows).toHaveLength(1);
  });

  it("a name from elsewhere (an import) takes the next free “Name (n)”", async () => {
    const user = await makeUser(t.db);
    await createProject(t.db, user.id, { name: "Mobile" });
    await createProject(t.db, user.id, { name: "mobile (2)" });
    expect(await availableProjectName(t.db, user.id, null, "MOBILE")).toBe("MOBILE (3)");
    expect(await availableProjectName(t.db, user.id, null, "Desktop")).toBe("Desktop");
  });
});
