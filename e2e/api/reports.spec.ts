import type { APIRequestContext } from "@playwright/test";
import type { PeriodReport, PeriodRowsReport } from "@/lib/reports/period";
import { expandSessionRows } from "@/lib/reports/period-rows";
import { createUser } from "../fixtures";
import { api, expect, mintToken, newActor, setupContext, signedIn, test, USER_SCOPES, type Actor } from "./api-fixtures";

let reporter: Actor;
let admin: Actor;
let setup: APIRequestContext;
let alpha: number;
let beta: number;

test.beforeAll(async () => {
  [reporter, admin] = await Promise.all([newActor("reporter"), newActor("reportadmin", { admin: true })]);
  setup = await setupContext();
  const a = api(setup, reporter.token);
  alpha = (await a.ok("createProject", { body: { name: "Alpha", billable: true } })).project.id;
  beta = (await a.ok("createProject", { body: { name: "Beta", billable: false } })).project.id;
  const add = (body: object) => a.ok("createEntry", { body });
  await add({ project_id: alpha, start_time: "2026-06-10T09:00:00Z", end_time: "2026-06-10T11:00:00Z" }); // 2 h billable
  await add({ project_id: alpha, start_time: "2026-06-11T09:00:00Z", end_time: "2026-06-11T10:00:00Z", billable: false }); // 1 h
  await add({ project_id: beta, start_time: "2026-06-12T09:00:00Z", end_time: "2026-06-12T09:30:00Z" }); // 0.5 h
  await add({ start_time: "2026-06-15T09:00:00Z", end_time: "2026-06-15T09:15:00Z", billable: true }); // 0.25 h, no project
  await add({ project_id: alpha, start_time: "2026-05-31T23:00:00Z", end_time: "2026-06-01T01:00:00Z" }); // 1 h of it in June
  await add({ project_id: beta, start_time: "2026-07-01T09:00:00Z", end_time: "2026-07-01T10:00:00Z" }); // July
});
test.afterAll(() => setup?.dispose());

test("summary: hours between two inclusive dates, clipped to them, by project (largest first)", async ({ request }) => {
  const a = api(request, reporter.token);
  const { summary } = await a.ok("summary", { query: { start_date: "2026-06-01", end_date: "2026-06-30" } });
  expect(summary).toEqual({
    start_date: "2026-06-01",
    end_date: "2026-06-30",
    total_hours: 4.75,
    billable_hours: 3.25,
    total_entries: 5,
    by_project: [
      { project_id: alpha, project_name: "Alpha", hours: 4, billable_hours: 3, entries: 3 },
      { project_id: beta, project_name: "Beta", hours: 0.5, billable_hours: 0, entries: 1 },
      { project_id: null, project_name: "No project", hours: 0.25, billable_hours: 0.25, entries: 1 },
    ],
  });
  const oneDay = (await a.ok("summary", { query: { start_date: "2026-06-10", end_date: "2026-06-10" } })).summary;
  expect([oneDay.total_hours, oneDay.total_entries]).toEqual([2, 1]);
  const byProject = (await a.ok("summary", { query: { start_date: "2026-05-01", end_date: "2026-07-31", project_id: beta } })).summary;
  expect(byProject).toMatchObject({ total_hours: 1.5, billable_hours: 0, total_entries: 2, by_project: [{ project_id: beta, hours: 1.5, entries: 2 }] });
  const empty = (await a.ok("summary", { query: { start_date: "2025-01-01", end_date: "2025-01-31" } })).summary;
  expect(empty).toEqual({ start_date: "2025-01-01", end_date: "2025-01-31", total_hours: 0, billable_hours: 0, total_entries: 0, by_project: [] });
});

test("summary without dates covers the last 30 days up to today", async ({ request }) => {
  const { summary } = await api(request, reporter.token).ok("summary");
  const today = new Date().toISOString().slice(0, 10);
  expect(summary.end_date).toBe(today);
  expect((Date.parse(summary.end_date) - Date.parse(summary.start_date)) / 86_400_000).toBe(29);
});

test("summary validation: 400 by field", async ({ request }) => {
  const a = api(request, reporter.token);
  await a.invalid("summary", { query: { start_date: "2026-06-30", end_date: "2026-06-01" } }, "end_date");
  for (const bad of ["2026-02-30", "June", "2026-6-1", "0000-01-01", "9999-12-31", "1800-01-01"]) {
    await a.invalid("summary", { query: { start_date: bad } }, "start_date");
    await a.invalid("summary", { query: { end_date: bad } }, "end_date");
  }
  for (const bad of ["abc", "0", "1.5", "99999999999"]) {
    await a.invalid("summary", { query: { project_id: bad } }, "project_id");
    await a.invalid("summary", { query: { user_id: bad } }, "user_id");
  }
});

test("summary user_id reaches only members of the workspace: someone outside it is 404, even for the instance's admin", async ({ request }) => {
  // (Members, managers and admins of one workspace: lib/entries/team.int.test.ts.)
  const june = { start_date: "2026-06-01", end_date: "2026-06-30" };
  const missing = await api(request, admin.token).fail("summary", { query: { ...june, user_id: reporter.id } }, 404, "not_found");
  expect(missing.body.message).toBe("No such member in this workspace.");
  expect((await api(request, admin.token).ok("summary", { query: june })).summary.total_entries).toBe(0);
  const own = api(request, reporter.token);
  const mine = (await own.ok("summary", { query: { ...june, user_id: reporter.id } })).summary;
  expect([mine.total_hours, mine.total_entries]).toEqual([4.75, 5]);
  await own.fail("summary", { query: { ...june, user_id: admin.id } }, 404, "not_found");
});

test("summary dates are days in the user's time zone", async ({ request }) => {
  const nyc = await createUser("nyc");
  const session = await signedIn(nyc);
  await api(session).ok("updateMe", { body: { timezone: "America/New_York" } });
  await session.dispose();
  const a = api(request, (await mintToken(nyc, USER_SCOPES)).token);
  // 23:00-23:30 on June 30th in New York is July 1st in UTC.
  await a.ok("createEntry", { body: { start_time: "2026-06-30T23:00", end_time: "2026-06-30T23:30" } });
  expect((await a.ok("summary", { query: { start_date: "2026-06-30", end_date: "2026-06-30" } })).summary.total_hours).toBe(0.5);
  expect((await a.ok("summary", { query: { start_date: "2026-07-01", end_date: "2026-07-01" } })).summary.total_hours).toBe(0);
  const overview = (await a.ok("overview", { query: { period: "day", date: "2026-06-30" } })).overview;
  expect([overview.timezone, overview.total_seconds, overview.days[0].date]).toEqual(["America/New_York", 1800, "2026-06-30"]);
});

test("overview: day, week and month totals per day and project", async ({ request }) => {
  const a = api(request, reporter.token);
  const month = (await a.ok("overview", { query: { period: "month", date: "2026-06-15" } })).overview;
  expect(month).toMatchObject({ kind: "month", start_date: "2026-06-01", end_date: "2026-06-30", timezone: "UTC", total_seconds: 17_100, billable_seconds: 11_700, entries: 5 });
  expect(month.days).toHaveLength(30);
  expect(month.days.find((d) => d.date === "2026-06-10")).toMatchObject({ seconds: 7200, billable_seconds: 7200, projects: [{ project_id: alpha, seconds: 7200 }] });
  expect(month.days.find((d) => d.date === "2026-06-01")?.seconds).toBe(3600);
  expect(month.projects.map((p) => [p.project, p.seconds])).toEqual([
    ["Alpha", 14_400],
    ["Beta", 1800],
    [null, 900],
  ]);
  const week = (await a.ok("overview", { query: { period: "week", date: "2026-06-10" } })).overview;
  expect(week).toMatchObject({ kind: "week", start_date: "2026-06-08", end_date: "2026-06-14", total_seconds: 12_600, entries: 3 });
  const day = (await a.ok("overview", { query: { period: "day", date: "2026-06-11" } })).overview;
  expect(day).toMatchObject({ kind: "day", start_date: "2026-06-11", end_date: "2026-06-11", total_seconds: 3600, billable_seconds: 0 });
  expect((await a.ok("overview")).overview.kind).toBe("week");
  await a.invalid("overview", { query: { period: "year" } }, "period");
  for (const bad of ["2026-02-30", "today", "0000-01-01", "9999-12-31"]) await a.invalid("overview", { query: { date: bad } }, "date");
});

test("period: the Overview's totals and its sessions in one answer, agreeing with the overview and the summary", async ({ request }) => {
  const a = api(request, reporter.token);
  const report = (await a.ok("period", { query: { period: "month", date: "2026-06-15" } })).report as PeriodReport;
  const { overview } = await a.ok("overview", { query: { period: "month", date: "2026-06-15" } });
  const { summary } = await a.ok("summary", { query: { start_date: "2026-06-01", end_date: "2026-06-30" } });
  const { sessions, sessions_capped, ...totals } = report;
  // The same totals (as_of is the instant each answer was computed at).
  expect({ ...totals, as_of: overview.as_of }).toEqual(overview);
  expect([totals.total_seconds / 3600, totals.billable_seconds / 3600, totals.entries]).toEqual([summary.total_hours, summary.billable_hours, summary.total_entries]);
  // Newest first; the session across the first midnight of June is one of them.
  expect(sessions.map((s) => s.start_time)).toEqual(["2026-06-15T09:00:00.000Z", "2026-06-12T09:00:00.000Z", "2026-06-11T09:00:00.000Z", "2026-06-10T09:00:00.000Z", "2026-05-31T23:00:00.000Z"]);
  expect(sessions[3]).toMatchObject({ project_id: alpha, project: "Alpha", duration_seconds: 7200, billable: true, user_id: reporter.id });
  expect(sessions_capped).toBe(false);
  const day = (await a.ok("period", { query: { period: "day", date: "2026-06-01" } })).report as PeriodReport;
  expect([day.total_seconds, day.sessions.map((s) => s.start_time)]).toEqual([3600, ["2026-05-31T23:00:00.000Z"]]);
  await a.invalid("period", { query: { period: "year" } }, "period");
  await a.invalid("period", { query: { date: "2026-02-30" } }, "date");
  await a.invalid("period", { query: { shape: "table" } }, "shape");
});

test("period as rows (shape=rows, the Overview's): the same totals, and rows that expand to exactly the sessions of the default shape", async ({ request }) => {
  const a = api(request, reporter.token);
  const objects = (await a.ok("period", { query: { period: "month", date: "2026-06-15" } })).report as PeriodReport;
  const rows = (await a.ok("period", { query: { period: "month", date: "2026-06-15", shape: "rows" } })).report as PeriodRowsReport;
  const { sessions, ...objectTotals } = objects;
  const { session_rows, ...rowTotals } = rows;
  expect({ ...rowTotals, as_of: objects.as_of }).toEqual(objectTotals);
  expect(session_rows.columns).toEqual(["id", "project_id", "task_id", "notes", "billable", "source", "start", "end", "created_at", "updated_at", "tag_ids"]);
  expect([session_rows.user_id, session_rows.rows.length, session_rows.projects.map((p) => p[1]).sort()]).toEqual([reporter.id, 5, ["Alpha", "Beta"]]);
  // No session runs in June: the instant they are expanded at changes nothing.
  expect(expandSessionRows(session_rows, Date.parse(rows.as_of))).toEqual(sessions);
});

test("period: a token needs read:time_entries (the answer holds entries); user_id outside the workspace is 404", async ({ request }) => {
  const reportsOnly = (await mintToken(reporter, ["read:reports"])).token;
  const refused = await api(request, reportsOnly).fail("period", { query: { period: "week", date: "2026-06-10" } }, 403, "insufficient_scope");
  expect(refused.body.required_scope).toBe("read:time_entries");
  await api(request, admin.token).fail("period", { query: { period: "month", date: "2026-06-15", user_id: reporter.id } }, 404, "not_found");
  expect(((await api(request, admin.token).ok("period", { query: { period: "month", date: "2026-06-15" } })).report as PeriodReport).sessions).toEqual([]);
});
