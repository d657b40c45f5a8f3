import { request as requestFactory, type APIRequestContext } from "@playwright/test";
import { createUser } from "../fixtures";
import { api, BASE_URL, expect, newActor, signedIn, test, uniqueName } from "./api-fixtures";

// A session cookie goes with every request a browser makes to Stint, also those another site makes it
// send. Writes with the cookie must come from Stint's own pages (same-origin Origin, or Sec-Fetch-Site
// same-origin/none); token calls are not tied to a browser and are unaffected.

const FOREIGN = "https://evil.example";

/** A signed-in cookie jar that adds no headers of its own: each request says where it comes from. */
async function bareSession(): Promise<APIRequestContext> {
  const signed = await signedIn(await createUser("origin"));
  // No extra headers (the config gives every context Sec-Fetch-Site: same-origin).
  const session = await requestFactory.newContext({ baseURL: BASE_URL, storageState: await signed.storageState(), extraHTTPHeaders: {} });
  await signed.dispose();
  return session;
}

const projectNames = async (session: APIRequestContext) =>
  ((await (await session.get("/api/v1/projects?per_page=100")).json()) as { projects: { name: string }[] }).projects.map((p) => p.name);

test("session writes from another site, or from nowhere a browser would say, are refused in the one error shape", async () => {
  const session = await bareSession();
  const refused: Record<string, Record<string, string>> = {
    "no Origin, Sec-Fetch-Site cross-site": { "Sec-Fetch-Site": "cross-site" },
    "no Origin, Sec-Fetch-Site same-site": { "Sec-Fetch-Site": "same-site" },
    "a foreign Origin": { Origin: FOREIGN },
    "a foreign Origin claiming same-origin": { Origin: FOREIGN, "Sec-Fetch-Site": "same-origin" },
    "Origin null": { Origin: "null" },
    "neither header": {},
  };
  const tried: string[] = [];
  for (const [label, headers] of Object.entries(refused)) {
    const name = uniqueName("Cross-site");
    tried.push(name);
    const res = await session.post("/api/v1/projects", { data: { name }, headers });
    expect(res.status(), label).toBe(403);
    expect(res.headers()["content-type"], label).toContain("application/json");
    const body = await res.json();
    expect(body, label).toMatchObject({ error_code: "forbidden", error: expect.stringContaining("Stint's own pages") });
    expect(body.message, label).toBe(body.error);
  }
  // Other write methods too, on a project made the right way.
  const made = await session.post("/api/v1/projects", { data: { name: uniqueName("Mine") }, headers: { Origin: BASE_URL } });
  expect(made.status()).toBe(201);
  const { project } = await made.json();
  const patch = await session.patch(`/api/v1/projects/${project.id}`, { data: { name: "Renamed from afar" }, headers: { "Sec-Fetch-Site": "cross-site" } });
  expect(patch.status()).toBe(403);
  const del = await session.delete(`/api/v1/projects/${project.id}`, { headers: { Origin: FOREIGN } });
  expect(del.status()).toBe(403);
  const names = await projectNames(session);
  expect(names).toContain(project.name);
  for (const name of [...tried, "Renamed from afar"]) expect(names).not.toContain(name);
  // Reading is not a write: a GET without either header still answers.
  expect((await session.get("/api/v1/users/me")).status()).toBe(200);
  await session.dispose();
});

test("session writes from Stint's own pages go through", async () => {
  const session = await bareSession();
  const allowed: Record<string, Record<string, string>> = {
    "same-origin Origin": { Origin: BASE_URL },
    "Sec-Fetch-Site same-origin": { "Sec-Fetch-Site": "same-origin" },
    "Sec-Fetch-Site none (typed by the person)": { "Sec-Fetch-Site": "none" },
  };
  const names: string[] = [];
  for (const [label, headers] of Object.entries(allowed)) {
    const name = uniqueName("Same-origin");
    names.push(name);
    const res = await session.post("/api/v1/projects", { data: { name }, headers });
    expect(res.status(), label).toBe(201);
    expect((await res.json()).project.name, label).toBe(name);
  }
  expect(await projectNames(session)).toEqual(expect.arrayContaining(names));
  await session.dispose();
});

test("token calls are unaffected by Origin and Sec-Fetch-Site", async ({ request }) => {
  const alice = await newActor("origin-token");
  const client = api(request, alice.token);
  const crossSite = await client.ok("createProject", { body: { name: uniqueName("Token") }, headers: { "Sec-Fetch-Site": "cross-site" } });
  const foreign = await client.ok("createProject", { body: { name: uniqueName("Token") }, headers: { Origin: FOREIGN } });
  const listed = await client.ok("listProjects", { query: { per_page: 100 } });
  expect(listed.projects.map((p) => p.id)).toEqual(expect.arrayContaining([crossSite.project.id, foreign.project.id]));
});

test("server actions (page writes) from another site are refused before they run", async () => {
  const session = await bareSession();
  // Any POST to a page is a server action (here: whatever the id, the sign-out form's path).
  const attempts: Record<string, Record<string, string>> = {
    "no Origin, Sec-Fetch-Site cross-site": { "Sec-Fetch-Site": "cross-site" },
    "a foreign Origin": { Origin: FOREIGN },
  };
  for (const [label, headers] of Object.entries(attempts)) {
    const res = await session.post("/", { headers: { ...headers, "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 });
    expect(res.status(), label).toBe(403);
    expect(await res.json(), label).toMatchObject({ error_code: "forbidden" });
    const signIn = await session.post("/sign-in", { headers, form: { email: "someone@example.com", password: "whatever pass" }, maxRedirects: 0 });
    expect(signIn.status(), `sign-in form, ${label}`).toBe(403);
  }
  // The session was not touched.
  expect((await session.get("/api/v1/users/me")).status()).toBe(200);
  await session.dispose();
});
