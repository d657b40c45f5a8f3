import { api, expect, newActor, signedIn, test, type Actor } from "./api-fixtures";

// The report builder's API (issue 15): GET /reports/grouped and /reports/detailed, with the rates and the
// rounding set through the projects, clients and workspaces endpoints. The rules in depth (each rate level,
// rounding per entry and per group, tags any/all, DST, who may filter whom) are in
// lib/reports/builder/report.int.test.ts; this checks the wire: parameters, shapes, errors.

let owner: Actor;
let site: number;
let clientId: number;

test.beforeAll(async () => {
  owner = await newActor("reportbuilder");
  const session = await signedIn(owner);
  const me = await api(session).ok("me");
  await api(session).ok("patchWorkspace", { id: me.workspace.id, body: { default_hourly_rate: 10, rounding: "up", rounding_minutes: 15, rounding_scope: "entry" } });
  await session.dispose();
});

test("rates are set and shown through the clients and projects endpoints", async ({ request }) => {
  const a = api(request, owner.token);
  const client = (await a.ok("createClient", { body: { name: "Acme", hourly_rate: "30" } })).client;
  expect(client.hourly_rate).toBe(30);
  clientId = client.id;
  const project = (await a.ok("createProject", { body: { name: "Site", client_id: client.id, budget_amount: 1500, member_rates: [{ user_id: owner.id, hourly_rate: 47.33 }] } })).project;
  expect([project.budget_amount, project.member_rates, project.hourly_rate]).toEqual([1500, [{ user_id: owner.id, hourly_rate: 47.33 }], null]);
  site = project.id;
  expect((await a.ok("patchClient", { id: client.id, body: { hourly_rate: null } })).client.hourly_rate).toBeNull();
  await a.ok("patchClient", { id: client.id, body: { hourly_rate: 30 } });
  await a.invalid("createProject", { body: { name: "Bad", member_rates: [{ user_id: 2_000_000_000, hourly_rate: 1 }] } }, "member_rates");
  await a.invalid("createClient", { body: { name: "Bad", hourly_rate: -1 } }, "hourly_rate");
  const add = (body: object) => a.ok("createEntry", { body });
  await add({ project_id: site, billable: true, start_time: "2026-09-01T09:00:00Z", end_time: "2026-09-01T10:07:13Z" }); // 4033 s at 47.33
  await add({ project_id: site, billable: false, start_time: "2026-09-02T09:00:00Z", end_time: "2026-09-02T09:07:00Z" }); // 7 min
  await add({ billable: true, start_time: "2026-09-02T23:30:00Z", end_time: "2026-09-03T00:30:00Z" }); // across midnight, workspace default 10
});

test("grouped: two levels with raw and rounded figures, amounts to the cent, the workspace's rounding", async ({ request }) => {
  const a = api(request, owner.token);
  const { report } = await a.ok("groupedReport", { query: { start_date: "2026-09-01", end_date: "2026-09-30", group_by: "project,day" } });
  expect([report.range, report.currency, report.rounding, report.group_by]).toEqual(["custom", "EUR", { mode: "up", minutes: 15, scope: "entry" }, ["project", "day"]]);
  expect(report.groups.map((g) => [g.name, g.seconds, g.rounded_seconds, g.amount, g.rounded_amount])).toEqual([
    ["Site", 4033 + 420, 4500 + 900, 53.02, 59.16], // 4033 s -> 75 min at 47.33: 59.1625
    ["No project", 3600, 3600, 10, 10],
  ]);
  const noProject = report.groups[1].groups!;
  // The entry across midnight: 30 min on each day, each rounded up to 30.
  expect(noProject.map((g) => [g.key, g.seconds, g.rounded_seconds, g.amount])).toEqual([
    ["2026-09-02", 1800, 1800, 5],
    ["2026-09-03", 1800, 1800, 5],
  ]);
  expect(report.totals).toEqual({ entries: 3, seconds: 4033 + 420 + 3600, billable_seconds: 4033 + 3600, rounded_seconds: 5400 + 3600, rounded_billable_seconds: 4500 + 3600, amount: 63.02, rounded_amount: 69.16 });
  const byClient = (await a.ok("groupedReport", { query: { start_date: "2026-09-01", end_date: "2026-09-30", group_by: "client", client_id: clientId, rounding: "none" } })).report;
  expect(byClient.groups.map((g) => [g.id, g.name, g.seconds, g.rounded_seconds])).toEqual([[clientId, "Acme", 4453, 4453]]);
});

test("detailed: the entries with rate, amount and rounding, paged by cursor", async ({ request }) => {
  const a = api(request, owner.token);
  const first = (await a.ok("detailedReport", { query: { start_date: "2026-09-01", end_date: "2026-09-30", per_page: 2 } })).report;
  expect(first.entries.map((e) => [e.project, e.client, e.seconds, e.rounded_seconds, e.hourly_rate, e.amount])).toEqual([
    ["Site", "Acme", 4033, 4500, 47.33, 53.02],
    ["Site", "Acme", 420, 900, 47.33, 0],
  ]);
  const second = (await a.ok("detailedReport", { query: { start_date: "2026-09-01", end_date: "2026-09-30", per_page: 2, cursor: first.pagination.next_cursor! } })).report;
  expect([second.entries.map((e) => [e.seconds, e.hourly_rate, e.amount]), second.pagination.next_cursor]).toEqual([[[3600, 10, 10]], null]);
  const billableOnly = (await a.ok("detailedReport", { query: { start_date: "2026-09-01", end_date: "2026-09-30", billable: "true", has_project: "true" } })).report;
  expect(billableOnly.entries.map((e) => e.seconds)).toEqual([4033]);
});

test("bad input: 400 in the one error shape, naming the field", async ({ request }) => {
  const a = api(request, owner.token);
  await a.invalid("groupedReport", { query: { group_by: "colour" } }, "group_by");
  await a.invalid("groupedReport", { query: { group_by: "project,tag,day" } }, "group_by");
  await a.invalid("groupedReport", { query: { start_date: "2026-09-30", end_date: "2026-09-01" } }, "end_date");
  await a.invalid("groupedReport", { query: { range: "this_week", start_date: "2026-09-01" } }, "start_date");
  await a.invalid("detailedReport", { query: { rounding_minutes: 7 } }, "rounding_minutes");
  await a.invalid("detailedReport", { query: { cursor: "bm90LWEtY3Vyc29y" } }, "cursor");
  await a.invalid("detailedReport", { query: { per_page: 501 } }, "per_page");
  await a.fail("groupedReport", { query: { user_id: 2_000_000_000 } }, 404, "not_found");
  await a.fail("detailedReport", { query: { project_id: 2_000_000_000 } }, 404, "not_found");
  // A preset answers its dates in the user's zone.
  const month = (await a.ok("groupedReport", { query: { range: "last_month" } })).report;
  expect([month.range, month.start_date.slice(8), month.end_date < month.start_date]).toEqual(["last_month", "01", false]);
});
