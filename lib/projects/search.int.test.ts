import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import type { Actor } from "@/lib/workspaces/policy";
import { createProject, listProjects } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const names = async (actor: Actor, query: string) =>
  (await listProjects(t.db, actor, { page: 1, per_page: 50, query })).items.map((p) => p.name);

it("ranks exact, prefix, word, contains, then typos; unrelated names stay out", async () => {
  const user = await makeUser(t.db);
  for (const name of ["Website redesign", "Company website", "Web", "Webinar series", "Cobweb audit", "Weekly review", "Mobile app", "Wbsite fixes"]) {
    await createProject(t.db, user, { name });
  }
  expect(await names(user, "web")).toEqual(["Web", "Webinar series", "Website redesign", "Company website", "Cobweb audit"]);
  // A typo still finds the project, after the real matches.
  const website = await names(user, "website");
  expect(website.slice(0, 3)).toEqual(["Website redesign", "Company website", "Wbsite fixes"]);
  expect(website).not.toContain("Mobile app");
  expect((await names(user, "wesbite")).slice(0, 2).sort()).toEqual(["Company website", "Website redesign"]);
  expect(await names(user, "WEB")).toEqual(await names(user, "web"));
  expect(await names(user, "zzz")).toEqual([]);
  expect(await names(user, "mobil app")).toEqual(["Mobile app"]);
});

it("treats LIKE and regex characters literally and never sees another user's projects", async () => {
  const user = await makeUser(t.db);
  const other = await makeUser(t.db);
  await createProject(t.db, user, { name: "100% done (v2)" });
  await createProject(t.db, user, { name: "a_c" });
  await createProject(t.db, user, { name: "abc" });
  await createProject(t.db, other, { name: "100% done (v2) elsewhere" });
  expect(await names(user, "a_c")).toEqual(["a_c"]);
  expect(await names(user, "0%")).toEqual(["100% done (v2)"]);
  expect(await names(user, "(v2")).toEqual(["100% done (v2)"]);
});
