import type { FakeRescueTime } from "../fakes/rescuetime";
import { workday } from "../fakes/rescuetime";
import { startE2eFakeRescueTime } from "../support/fake-rescuetime";
import { budget } from "../support/budget";
import { api, expect, mintToken, newActor, test, type Api, type Body } from "./api-fixtures";

// RescueTime → suggestions → entries through the API, against the fake RescueTime on
// e2e.fakeRescueTimePort (the shared server's RESCUETIME_API_URL). Imports are jobs done by the server's
// worker. The fixture's day is read in UTC (the users' zone), so its blocks start as written.

// Three days ago (UTC): saving rules re-shapes the pending suggestions of the last 31 days, so a fixed date
// would stop being one of them as the calendar moves on.
const DAY = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
type Job = Body<"getIntegrationJob">["job"];
type Suggestion = Body<"listSuggestions">["suggestions"][number];

let rt: FakeRescueTime;
let keys = 0;

test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait for another spec to free the fake's port
  rt = await startE2eFakeRescueTime();
});

test.afterAll(async () => {
  await rt?.close();
});

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

/** A user connected to the fake with the fixture's day imported (through the API and the worker). */
async function importedDay(request: Parameters<typeof api>[0], label: string) {
  const user = await newActor(label);
  const client = api(request, user.token);
  const key = `rt-e2e-${process.pid}-${++keys}-${Date.now()}`;
  rt.state.addKey(key, workday(DAY));
  const { integration } = await client.ok("connectIntegration", { params: { provider: "rescuetime" }, body: { api_key: key } });
  const reimport = async () => {
    const { job } = await client.ok("importIntegration", { id: integration.id, body: { from: DAY, to: DAY } });
    expect(job.kind).toBe("import");
    return finished(client, integration.id, job.id);
  };
  expect(await reimport()).toMatchObject({ status: "succeeded", done: 1, total: 1 });
  return { user, client, integration, reimport };
}

const pending = async (client: Api) => (await client.ok("listSuggestions", { query: { from: DAY, to: DAY } })).suggestions;
const span = (s: Suggestion) => `${s.start_time.slice(11, 16)}-${s.end_time.slice(11, 16)}`;

test("connect: a wrong key is a 400 with RescueTime's reason; a good one connects without showing the key", async ({ request }) => {
  const user = await newActor("rt-connect");
  const client = api(request, user.token);
  const refused = await client.fail("connectIntegration", { params: { provider: "rescuetime" }, body: { api_key: "rt-not-a-key-at-all" } }, 400);
  expect(refused.body.message).toContain("RescueTime refused the API key");
  rt.state.addKey("rt-e2e-connect-key");
  const { integration } = await client.ok("connectIntegration", { params: { provider: "rescuetime" }, body: { api_key: "rt-e2e-connect-key" } });
  expect(integration).toMatchObject({ provider: "rescuetime", label: "RescueTime", status: "active", settings: {}, jobs: ["import"] });
  expect(JSON.stringify(integration)).not.toContain("rt-e2e-connect-key");
  await client.invalid("importIntegration", { id: integration.id, body: { from: "2026-11-05", to: "2026-11-01" } }, "from");
});

test("the imported day's suggestions, in the documented shape; importing again adds none", async ({ request }) => {
  const { client, reimport } = await importedDay(request, "rt-list");
  const suggestions = await pending(client);
  expect(suggestions.map((s) => [span(s), s.duration_seconds, s.notes, s.status])).toEqual([
    ["09:00-09:50", 3000, "code: lib/suggestions/rules.ts", "pending"],
    ["10:10-10:30", 1200, "github.com: stint/pull/14", "pending"],
    ["14:00-14:40", 2400, "docs.google.com: Invoice notes", "pending"],
  ]);
  expect(suggestions[1]).toMatchObject({
    source: "rescuetime",
    project_id: null,
    task_id: null,
    tags: [],
    billable: null,
    time_entry_id: null,
    activities: [
      { name: "github.com", category: "General Software Development", productivity: 2, seconds: 960 },
      { name: "code", category: "Editing & IDEs", productivity: 2, seconds: 240 },
    ],
  });
  expect(await reimport()).toMatchObject({ status: "succeeded", message: "Imported 1 days (43 activity rows): 0 new suggestions." });
  expect((await pending(client)).map((s) => s.id)).toEqual(suggestions.map((s) => s.id));
  const page = await client.ok("listSuggestions", { query: { per_page: 2 } });
  expect(page.pagination).toMatchObject({ total: 3, pages: 2, has_next: true });
  await client.invalid("listSuggestions", { query: { status: "maybe" } }, "status");
});

test("accept with changes → 201 with the entry; again → the same entry; ignore, re-import, restore; bulk accept", async ({ request }) => {
  const { client, reimport } = await importedDay(request, "rt-review");
  const project = (await client.ok("createProject", { body: { name: `Stint ${Date.now()}` } })).project;
  const [code, github, docs] = await pending(client);

  const accepted = await client.ok("acceptSuggestion", { id: github.id, body: { project_id: project.id, notes: "Reviewed PR 14", end_time: `${DAY}T10:35:00Z`, tags: ["review"], billable: true } });
  expect(accepted.time_entry).toMatchObject({ project_id: project.id, notes: "Reviewed PR 14", start_time: `${DAY}T10:10:00.000Z`, end_time: `${DAY}T10:35:00.000Z`, tag_list: ["review"], billable: true, source: "import" });
  const again = await client.ok("acceptSuggestion", { id: github.id, body: {} });
  expect(again.time_entry.id).toBe(accepted.time_entry.id);
  const list = await client.ok("listSuggestions", { query: { status: "accepted" } });
  expect(list.suggestions.map((s) => [s.id, s.time_entry_id])).toEqual([[github.id, accepted.time_entry.id]]);

  const ignored = await client.ok("ignoreSuggestion", { id: code.id });
  expect(ignored.suggestion).toMatchObject({ id: code.id, status: "ignored" });
  await client.fail("ignoreSuggestion", { id: github.id }, 409);
  expect(await reimport()).toMatchObject({ status: "succeeded" });
  expect((await pending(client)).map((s) => s.id)).toEqual([docs.id]);
  expect((await client.ok("restoreSuggestion", { id: code.id })).suggestion.status).toBe("pending");

  const bulk = await client.ok("acceptSuggestions", { body: { ids: [code.id, docs.id] } });
  expect(bulk.time_entries.map((e) => [e.start_time, e.end_time])).toEqual([
    [`${DAY}T09:00:00.000Z`, `${DAY}T09:50:00.000Z`],
    [`${DAY}T14:00:00.000Z`, `${DAY}T14:40:00.000Z`],
  ]);
  expect(await pending(client)).toEqual([]);
  await client.invalid("acceptSuggestions", { body: { ids: [] } }, "ids");
});

test("only the owner reaches a suggestion; reading is read:time_entries, deciding write:time_entries", async ({ request }) => {
  const { user, client } = await importedDay(request, "rt-owner");
  const [first] = await pending(client);
  const other = await newActor("rt-other");
  const them = api(request, other.token);
  expect((await them.ok("listSuggestions", { query: { from: DAY, to: DAY } })).suggestions).toEqual([]);
  await them.fail("acceptSuggestion", { id: first.id, body: {} }, 404, "not_found");
  await them.fail("ignoreSuggestion", { id: first.id }, 404, "not_found");
  await them.fail("acceptSuggestions", { body: { ids: [first.id] } }, 404, "not_found");
  const reader = api(request, (await mintToken(user, ["read:time_entries"])).token);
  expect((await reader.ok("listSuggestions", {})).suggestions.length).toBe(3);
  await reader.fail("acceptSuggestion", { id: first.id, body: {} }, 403, "insufficient_scope");
  await client.fail("acceptSuggestion", { id: 999_999_999, body: {} }, 404);
});

test("rules: defaults, a change re-shapes the pending suggestions, bad values are field errors", async ({ request }) => {
  const { client } = await importedDay(request, "rt-rules");
  expect((await client.ok("getSuggestionRules")).rules).toEqual({ group_by: "activity", gap_minutes: 5, min_block_minutes: 5, min_productivity: 1, round_minutes: 5, denied_categories: [], mappings: [] });
  const project = (await client.ok("createProject", { body: { name: `Invoicing ${Date.now()}` } })).project;
  const saved = await client.ok("putSuggestionRules", { body: { round_minutes: 15, mappings: [{ field: "document", pattern: "invoice", project_id: project.id, billable: true }] } });
  expect(saved.rules).toMatchObject({ round_minutes: 15, mappings: [{ field: "document", pattern: "invoice", project_id: project.id, task_id: null, tags: [], billable: true }] });
  expect((await pending(client)).map((s) => [span(s), s.project_id])).toEqual([
    ["09:00-09:45", null],
    ["10:10-10:25", null],
    ["14:00-14:45", project.id],
  ]);
  await client.invalid("putSuggestionRules", { body: { min_productivity: 3, mappings: [{ field: "title", pattern: "" }] } }, "min_productivity");
});
