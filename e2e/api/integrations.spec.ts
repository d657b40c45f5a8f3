import crypto from "node:crypto";
import type { FakeProject, FakeZoho } from "../fakes/zoho";
import { startE2eFakeZoho } from "../support/fake-zoho";
import { api, expect, mintToken, newActor, test, type Actor, type Api, type Body } from "./api-fixtures";
import { budget } from "../support/budget";

// The integrations API against a fake Zoho on e2e.fakeZohoPort, where the shared e2e server is pointed
// (ZOHO_ACCOUNTS_URL, ZOHO_API_URL, ZOHO_CLIENT_ID/SECRET from e2e/support/config.ts). Jobs and pushes are done by
// the worker inside the server.

const PROVIDER = "zoho-projects";
type Integration = Body<"connectIntegration">["integration"];
type Job = Body<"getIntegrationJob">["job"];

let zoho: FakeZoho;

test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait for another spec to free the fake's port
  zoho = await startE2eFakeZoho();
  // This spec is not about Zoho's rate limit (the provider tests are): many users share the fake here.
  zoho.state.config.rateLimit.max = 100_000;
  for (const name of ["Website Redesign", "Company Website", "Mobile App"]) zoho.state.addProject({ name });
});

test.afterAll(async () => {
  await zoho?.close();
});

const note = (label: string) => `${label} ${crypto.randomBytes(4).toString("hex")}`;

async function connect(client: Api): Promise<Integration> {
  const body = await client.ok("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken(), settings: { dc: "us" } } });
  return body.integration;
}

/** Polls a job until it is finished; returns it. */
async function finished(client: Api, integrationId: number, jobId: number): Promise<Job> {
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await client.ok("getIntegrationJob", { id: integrationId, params: { job: jobId } })).job;
        return job.status;
      },
      { timeout: budget.background, intervals: [200, 400, 800, 1000] },
    )
    .toMatch(/^(succeeded|failed)$/);
  return job!;
}

/** Connects and imports the fake's projects; returns the connection and the Stint project id by name. */
async function connectedAndImported(client: Api) {
  const integration = await connect(client);
  const { job } = await client.ok("syncIntegration", { id: integration.id });
  expect(await finished(client, integration.id, job.id)).toMatchObject({ status: "succeeded" });
  const projects = (await client.ok("listProjects", { query: { per_page: 100 } })).projects;
  const projectId = (name: string) => {
    const found = projects.find((p) => p.name === name);
    if (!found) throw new Error(`${name} was not imported: ${projects.map((p) => p.name).join(", ")}`);
    return found.id;
  };
  return { integration, projectId };
}

async function createEntry(client: Api, projectId: number, notes: string, day = "2025-03-04") {
  const body = await client.ok("createEntry", { body: { project_id: projectId, notes, start_time: `${day}T09:00:00Z`, end_time: `${day}T10:30:00Z` } });
  return body.time_entry.id;
}

/** Polls the entry's sync state until it is `state`; returns the state row. */
async function stateBecomes(client: Api, entryId: number, state: string) {
  let row: Body<"entrySyncStates">["entries"][number] | undefined;
  await expect
    .poll(
      async () => {
        row = (await client.ok("entrySyncStates", { query: { entry_ids: String(entryId) } })).entries[0];
        return row?.state;
      },
      { timeout: budget.background, intervals: [200, 400, 800, 1000] },
    )
    .toBe(state);
  return row!;
}

const logsWith = (notes: string) => zoho.logs().filter((l) => l.notes === notes);

/** Nothing secret in an answer: no refresh or access token, no credentials, no server-side host override. */
function expectNoSecrets(body: unknown, refreshToken?: string) {
  const text = JSON.stringify(body);
  if (refreshToken) expect(text).not.toContain(refreshToken);
  for (const token of zoho.state.accessTokens.keys()) expect(text).not.toContain(token);
  for (const token of zoho.state.refreshTokens.keys()) expect(text).not.toContain(token);
  expect(text).not.toMatch(/credential|refresh_?token|access_?token|baseUrls|fake-client-secret/i);
}

test("connect with a pasted refresh token: 201; list and get show the connection and providers, never a secret", async ({ request }) => {
  const alice = api(request, (await newActor("intconnect")).token);
  const refreshToken = zoho.issueRefreshToken();
  const created = await alice.ok("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: ` ${refreshToken} `, settings: { dc: "us" } } });
  expect(created.message).toContain("Zoho Projects");
  expect(created.integration).toMatchObject({
    provider: PROVIDER,
    provider_label: "Zoho Projects",
    status: "active",
    last_error: null,
    settings: { dc: "us", portalId: zoho.state.defaultPortal.id, portalName: "Fake Works", portalTimeZone: "Europe/Berlin" },
    entries: { pending: 0, synced: 0, incomplete: 0, failed: 0 },
  });
  expect(created.integration.label).toContain("Fake Works");
  expectNoSecrets(created, refreshToken);

  const listed = await alice.ok("listIntegrations");
  expect(listed.integrations.map((i) => i.id)).toEqual([created.integration.id]);
  expect(listed.integrations[0]).toEqual(created.integration);
  expect(listed.providers).toContainEqual(expect.objectContaining({ name: PROVIDER, label: "Zoho Projects", connect: "oauth2", configured: true }));
  expectNoSecrets(listed, refreshToken);

  const one = await alice.ok("getIntegration", { id: created.integration.id });
  expect(one.integration).toEqual(created.integration);
  expectNoSecrets(one, refreshToken);
});

test("routing: a Zoho connection receives the entries of its imported projects; PATCH changes the rule, impossible ones are field errors", async ({ request }) => {
  const alice = api(request, (await newActor("introuting")).token);
  const created = await alice.ok("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken(), settings: { dc: "us" } } });
  expect(created.integration).toMatchObject({ routing: { rule: "imported_projects", project_ids: [] }, jobs: ["import_projects", "sync"] });
  const id = created.integration.id;
  const stopped = await alice.ok("updateIntegration", { id, body: { routing: { rule: "none" } } });
  expect(stopped.integration.routing).toEqual({ rule: "none", project_ids: [] });
  expect((await alice.ok("getIntegration", { id })).integration.routing.rule).toBe("none");
  await alice.invalid("updateIntegration", { id, body: { routing: { rule: "projects" } } }, "routing.project_ids");
  await alice.invalid("updateIntegration", { id, body: { routing: { rule: "everything" } } }, "routing.rule");
  await alice.fail("updateIntegration", { id, body: { routing: { rule: "projects", project_ids: [2_000_000_000] } } }, 404, "not_found");
  const back = await alice.ok("updateIntegration", { id, body: { routing: { rule: "imported_projects" } } });
  expect(back.integration.routing.rule).toBe("imported_projects");
});

test("a refresh token Zoho refuses: 400 with Zoho's reason, and nothing is saved", async ({ request }) => {
  const alice = api(request, (await newActor("intbadtoken")).token);
  const unknown = await alice.fail("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: "1000.not-a-token-zoho-issued.refresh" } }, 400, "bad_request");
  expect(unknown.body.message).toContain("Zoho refused the refresh token (invalid_code)");

  const revoked = zoho.issueRefreshToken();
  zoho.revokeRefreshToken(revoked);
  const refused = await alice.fail("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: revoked } }, 400, "bad_request");
  expect(refused.body.message).toContain("invalid_code");

  // A portal the account does not have: Zoho's portals, named.
  const wrongPortal = await alice.fail("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken(), settings: { portalId: "42" } } }, 400, "bad_request");
  expect(wrongPortal.body.message).toContain("Fake Works");
  expect((await alice.ok("listIntegrations")).integrations).toEqual([]);
});

test("sync: 202 and a job that succeeds; imported projects are offered ranked; a described entry is pushed and shows synced", async ({ request }) => {
  const alice = api(request, (await newActor("intsync")).token);
  const local = (await alice.ok("createProject", { body: { name: "Website" } })).project;
  const integration = await connect(alice);

  const started = await alice.ok("syncIntegration", { id: integration.id });
  expect(started.message).toMatch(/Sync (queued|already running)/);
  expect(started.job).toMatchObject({ connection_id: integration.id, kind: "sync", finished_at: null });
  expect(["queued", "running"]).toContain(started.job.status);
  const job = await finished(alice, integration.id, started.job.id);
  expect(job).toMatchObject({ id: started.job.id, status: "succeeded" });
  expect(job.message).toContain("Imported 3 projects");
  expect(job.done).toBe(job.total);
  expect(job.finished_at).not.toBeNull();
  expect((await alice.ok("getIntegration", { id: integration.id })).integration.projects_imported_at).not.toBeNull();

  // The picker's search: exact (local), prefix, then word matches, across local and imported projects.
  const found = (await alice.ok("listProjects", { query: { query: "website" } })).projects;
  expect(found.map((p) => p.name)).toEqual(["Website", "Website Redesign", "Company Website"]);
  expect(found[0].id).toBe(local.id);

  const projectId = (name: string) => found.find((p) => p.name === name)!.id;
  const described = note("Homepage layout");
  const pushedId = await createEntry(alice, projectId("Website Redesign"), described);
  const withoutNotes = await createEntry(alice, projectId("Company Website"), "");
  const localEntry = await createEntry(alice, local.id, note("Local only"));

  const synced = await stateBecomes(alice, pushedId, "synced");
  expect(synced).toMatchObject({ entry_id: pushedId, connection_id: integration.id, provider: PROVIDER, reason: null, next_attempt_at: null });
  expect(synced.synced_at).not.toBeNull();
  const [log] = logsWith(described);
  expect(logsWith(described)).toHaveLength(1);
  const remoteProject = zoho.state.projects.find((p) => p.name === "Website Redesign")!;
  expect(log).toMatchObject({ projectId: remoteProject.id, date: "03-04-2025", hours: 1, minutes: 30, billStatus: expect.any(String) });

  const incomplete = await stateBecomes(alice, withoutNotes, "incomplete");
  expect(incomplete.reason).toMatch(/description/i);

  // Only entries of imported projects have a state; the order of the ids does not matter.
  const states = (await alice.ok("entrySyncStates", { query: { entry_ids: `${localEntry},${withoutNotes}, ${pushedId}` } })).entries;
  expect(states.map((s) => [s.entry_id, s.state]).sort()).toEqual(
    [
      [pushedId, "synced"],
      [withoutNotes, "incomplete"],
    ].sort(),
  );
  const counts = (await alice.ok("getIntegration", { id: integration.id })).integration.entries;
  expect(counts).toEqual({ pending: 0, synced: 1, incomplete: 1, failed: 0 });

  // The sync log, newest first.
  const events = (await alice.ok("integrationEvents", { id: integration.id })).events;
  expect(events.map((e) => e.message)).toContainEqual(expect.stringContaining("Imported 3 projects"));
  expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => b - a));
  expect((await alice.ok("integrationEvents", { id: integration.id, query: { limit: 1 } })).events).toEqual(events.slice(0, 1));
});

test("a push Zoho refuses fails with the reason; retry pushes it again once the cause is fixed", async ({ request }) => {
  const alice = api(request, (await newActor("intretry")).token);
  const { integration, projectId } = await connectedAndImported(alice);
  // Import alone: 202 and a job of its own kind.
  const imported = await alice.ok("importIntegration", { id: integration.id });
  expect(imported.message).toMatch(/Import (queued|already running)/);
  expect(imported.job.kind).toBe("import_projects");
  expect(await finished(alice, integration.id, imported.job.id)).toMatchObject({ status: "succeeded" });

  const mobile = zoho.state.projects.find((p) => p.name === "Mobile App") as FakeProject;
  zoho.state.projects = zoho.state.projects.filter((p) => p !== mobile);
  const notes = note("Push notification spike");
  const entryId = await createEntry(alice, projectId("Mobile App"), notes).catch((error) => {
    zoho.state.projects.push(mobile);
    throw error;
  });
  try {
    const failed = await stateBecomes(alice, entryId, "failed");
    expect(failed.reason).toContain("does not exist");
    expect(logsWith(notes)).toEqual([]);
    const events = (await alice.ok("integrationEvents", { id: integration.id })).events;
    expect(events.find((e) => e.entry_id === entryId)).toMatchObject({ level: "error", message: expect.stringContaining("Not pushed") });
  } finally {
    zoho.state.projects.push(mobile);
  }

  const retried = await alice.ok("retryEntrySync", { id: entryId });
  expect(retried.message).toMatch(/pushed again/);
  const synced = await stateBecomes(alice, entryId, "synced");
  expect(synced.reason).toBeNull();
  expect(logsWith(notes)).toHaveLength(1);
  expect(logsWith(notes)[0].projectId).toBe(mobile.id);

  // Retrying a synced entry pushes it again as an update: still one log.
  await alice.ok("retryEntrySync", { id: entryId });
  await stateBecomes(alice, entryId, "synced");
  expect(logsWith(notes)).toHaveLength(1);

  // An entry without a sync state (a local project), or no entry at all: 404.
  const local = (await alice.ok("createProject", { body: { name: "Local chores" } })).project;
  await alice.fail("retryEntrySync", { id: await createEntry(alice, local.id, note("Filing")) }, 404, "not_found");
  await alice.fail("retryEntrySync", { id: 999_999_999 }, 404, "not_found");
});

test("another user gets 404 for a connection, its jobs, events and entries, and cannot change them", async ({ request }) => {
  const [aliceActor, bobActor] = await Promise.all([newActor("intowner"), newActor("intother")]);
  const alice = api(request, aliceActor.token);
  const bob = api(request, bobActor.token);
  const { integration, projectId } = await connectedAndImported(alice);
  const entryId = await createEntry(alice, projectId("Website Redesign"), note("Owner's work"));
  const before = await stateBecomes(alice, entryId, "synced");
  const { job } = await alice.ok("importIntegration", { id: integration.id });

  const id = integration.id;
  await bob.fail("getIntegration", { id }, 404, "not_found");
  await bob.fail("integrationEvents", { id }, 404, "not_found");
  await bob.fail("getIntegrationJob", { id, params: { job: job.id } }, 404, "not_found");
  await bob.fail("syncIntegration", { id }, 404, "not_found");
  await bob.fail("importIntegration", { id }, 404, "not_found");
  await bob.fail("disconnectIntegration", { id }, 404, "not_found");
  await bob.fail("retryEntrySync", { id: entryId }, 404, "not_found");
  expect((await bob.ok("entrySyncStates", { query: { entry_ids: String(entryId) } })).entries).toEqual([]);
  expect((await bob.ok("listIntegrations")).integrations).toEqual([]);

  // Nor through a connection of his own.
  const own = await connect(bob);
  await bob.fail("getIntegrationJob", { id: own.id, params: { job: job.id } }, 404, "not_found");
  // A job is found only under its own connection.
  await alice.fail("getIntegrationJob", { id: own.id, params: { job: job.id } }, 404, "not_found");

  // Alice's things are untouched.
  expect((await alice.ok("getIntegration", { id })).integration.status).toBe("active");
  expect((await alice.ok("entrySyncStates", { query: { entry_ids: String(entryId) } })).entries[0]).toMatchObject({ state: "synced", attempts: before.attempts });
});

test("scopes: integrations need read:projects / write:projects, entry states read:time_entries / write:time_entries", async ({ request }) => {
  const owner: Actor = await newActor("intscopes");
  const full = api(request, owner.token);
  const { integration, projectId } = await connectedAndImported(full);
  const entryId = await createEntry(full, projectId("Company Website"), note("Scoped"));
  const id = integration.id;

  const entriesOnly = api(request, (await mintToken(owner, ["read:time_entries", "write:time_entries"])).token);
  for (const [opId, o] of [
    ["listIntegrations", {}],
    ["getIntegration", { id }],
    ["integrationEvents", { id }],
  ] as const) {
    expect((await entriesOnly.fail(opId, o, 403, "insufficient_scope")).body.required_scope).toBe("read:projects");
  }
  expect((await entriesOnly.fail("getIntegrationJob", { id, params: { job: 1 } }, 403, "insufficient_scope")).body.required_scope).toBe("read:projects");
  expect((await entriesOnly.ok("entrySyncStates", { query: { entry_ids: String(entryId) } })).entries).toHaveLength(1);

  const projectsRead = api(request, (await mintToken(owner, ["read:projects"])).token);
  expect((await projectsRead.ok("listIntegrations")).integrations.map((i) => i.id)).toEqual([id]);
  for (const [opId, o] of [
    ["syncIntegration", { id }],
    ["importIntegration", { id }],
    ["disconnectIntegration", { id }],
    ["connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken() } }],
  ] as const) {
    const denied = await projectsRead.fail(opId, o, 403, "insufficient_scope");
    expect(denied.body.required_scope).toBe("write:projects");
    expect(denied.body.available_scopes).toEqual(["read:projects"]);
  }
  expect((await projectsRead.fail("entrySyncStates", { query: { entry_ids: String(entryId) } }, 403, "insufficient_scope")).body.required_scope).toBe("read:time_entries");

  const readEntries = api(request, (await mintToken(owner, ["read:time_entries"])).token);
  expect((await readEntries.fail("retryEntrySync", { id: entryId }, 403, "insufficient_scope")).body.required_scope).toBe("write:time_entries");

  // Nothing was changed by the refused calls.
  const after = await full.ok("listIntegrations");
  expect(after.integrations.map((i) => i.id)).toEqual([id]);
});

test("invalid input: 400 validation_error by field; unknown provider and malformed ids: 404", async ({ request }) => {
  const alice = api(request, (await newActor("intinvalid")).token);
  const connectTo = (body: unknown) => ({ params: { provider: PROVIDER }, body });
  await alice.invalid("connectIntegration", connectTo({}), "refresh_token");
  await alice.invalid("connectIntegration", connectTo({ refresh_token: "short" }), "refresh_token");
  await alice.invalid("connectIntegration", connectTo({ refresh_token: 12345678901 }), "refresh_token");
  await alice.invalid("connectIntegration", connectTo({ refresh_token: "x".repeat(2001) }), "refresh_token");
  await alice.invalid("connectIntegration", connectTo({ refresh_token: zoho.issueRefreshToken(), settings: { dc: { nested: true } } }), "settings.dc");
  await alice.invalid("connectIntegration", connectTo({ refresh_token: zoho.issueRefreshToken(), settings: "us" }), "settings");
  await alice.invalid("connectIntegration", { params: { provider: PROVIDER }, raw: "{\"refresh_token\": " }, "_");
  const unknown = await alice.fail("connectIntegration", { params: { provider: "nope-projects" }, body: { refresh_token: zoho.issueRefreshToken() } }, 404, "not_found");
  expect(unknown.body.message).toContain(PROVIDER);

  await alice.invalid("entrySyncStates", {}, "entry_ids");
  await alice.invalid("entrySyncStates", { query: { entry_ids: "" } }, "entry_ids");
  await alice.invalid("entrySyncStates", { query: { entry_ids: "1,two,3" } }, "entry_ids");
  await alice.invalid("entrySyncStates", { query: { entry_ids: Array.from({ length: 501 }, (_, i) => i + 1).join(",") } }, "entry_ids");
  expect((await alice.ok("entrySyncStates", { query: { entry_ids: "1,1,2" } })).entries).toEqual([]);

  const integration = await connect(alice);
  await alice.invalid("integrationEvents", { id: integration.id, query: { limit: 0 } }, "limit");
  await alice.invalid("integrationEvents", { id: integration.id, query: { limit: 501 } }, "limit");
  await alice.invalid("integrationEvents", { id: integration.id, query: { limit: "many" } }, "limit");

  for (const id of ["abc", "0", "-1", "1.5", "99999999999"]) await alice.fail("getIntegration", { id }, 404, "not_found");
  await alice.fail("getIntegrationJob", { id: integration.id, params: { job: "x" } }, 404, "not_found");
  await alice.fail("getIntegrationJob", { id: integration.id, params: { job: 999_999_999 } }, 404, "not_found");
  await alice.fail("syncIntegration", { id: "abc" }, 404, "not_found");
  await alice.fail("retryEntrySync", { id: "abc" }, 404, "not_found");
});

test("disconnect: 200; the connection and its sync state go, imported projects and entries stay as local ones", async ({ request }) => {
  const alice = api(request, (await newActor("intdisconnect")).token);
  const { integration, projectId } = await connectedAndImported(alice);
  const redesign = projectId("Website Redesign");
  const notes = note("Before disconnect");
  const entryId = await createEntry(alice, redesign, notes);
  await stateBecomes(alice, entryId, "synced");

  const gone = await alice.ok("disconnectIntegration", { id: integration.id });
  expect(gone.message).toMatch(/disconnected.*stay/i);
  expect((await alice.ok("listIntegrations")).integrations).toEqual([]);
  await alice.fail("getIntegration", { id: integration.id }, 404, "not_found");
  await alice.fail("syncIntegration", { id: integration.id }, 404, "not_found");
  await alice.fail("integrationEvents", { id: integration.id }, 404, "not_found");
  await alice.fail("disconnectIntegration", { id: integration.id }, 404, "not_found");

  // The projects are still offered, the entry is still there, and nothing of theirs is synced any more.
  const names = (await alice.ok("listProjects", { query: { query: "website" } })).projects.map((p) => p.name);
  expect(names).toEqual(["Website Redesign", "Company Website"]);
  expect((await alice.ok("getProject", { id: redesign })).project.status).toBe("active");
  expect((await alice.ok("getEntry", { id: entryId })).time_entry).toMatchObject({ project_id: redesign, notes });
  const later = await createEntry(alice, redesign, note("After disconnect"), "2025-03-05");
  expect((await alice.ok("entrySyncStates", { query: { entry_ids: `${entryId},${later}` } })).entries).toEqual([]);
  await alice.fail("retryEntrySync", { id: entryId }, 404, "not_found");
  // The log already pushed stays in Zoho.
  expect(logsWith(notes)).toHaveLength(1);
});

test("the data centre in the README's spellings (com, .com, .eu, .com.au, EU) connects; an unknown one is a field error before Zoho is called", async ({ request }) => {
  const alice = api(request, (await newActor("intdc")).token);
  const spellings: [string, string, string][] = [["com", "us", "US"], [".com", "us", "US"], [".eu", "eu", "EU"], ["EU", "eu", "EU"], [".com.au", "au", "AU"], ["zoho.in", "in", "IN"], ["jp", "jp", "JP"]];
  for (const [sent, dc, label] of spellings) {
    const { integration } = await alice.ok("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken(), settings: { dc: sent } } });
    expect(integration.settings, sent).toMatchObject({ dc });
    expect(integration.label).toContain(`Zoho Projects, ${label}`);
    await alice.ok("disconnectIntegration", { id: integration.id });
  }
  for (const dc of [".de", "com.eu", "", "accounts.evil.example", "123"]) {
    const token = zoho.issueRefreshToken();
    const body = await alice.invalid("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: token, settings: { dc } } }, "settings.dc");
    expect(body.errors?.["settings.dc"]).toEqual(["Use a Zoho data centre: us (.com), eu (.eu), in (.in), au (.com.au) or jp (.jp)."]);
    // Zoho never saw the token: no access token was minted from it.
    expect([...zoho.state.accessTokens.values()].some((a) => a.refreshToken === token), dc).toBe(false);
  }
  await alice.invalid("connectIntegration", { params: { provider: PROVIDER }, body: { refresh_token: zoho.issueRefreshToken(), settings: { portalId: "12a" } } }, "settings.portalId");
  expect((await alice.ok("listIntegrations")).integrations).toEqual([]);
});
