import { api, BASE_URL, expect, mintToken, newActor, test, type Actor } from "./api-fixtures";

// The report exports on the wire (issue 15): format=csv|xlsx|pdf on /reports/detailed and /reports/grouped
// answer the file with its type and a download name; bad parameters are 400s in the one error shape; the
// scope is read:reports. The contents (figures equal to the JSON, quoting, BOM, cell types, PDF text) are in
// lib/reports/export/export.int.test.ts.

let owner: Actor;
const range = { start_date: "2026-10-01", end_date: "2026-10-31" };

test.beforeAll(async ({ playwright }) => {
  owner = await newActor("reportexports");
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  const a = api(request, owner.token);
  const project = (await a.ok("createProject", { body: { name: "Export site", hourly_rate: 60 } })).project;
  await a.ok("createEntry", { body: { project_id: project.id, billable: true, notes: "=cmd|' /C calc'!A0", start_time: "2026-10-05T09:00:00Z", end_time: "2026-10-05T10:30:00Z" } });
  await request.dispose();
});

const file = (request: import("@playwright/test").APIRequestContext, path: string, query: Record<string, string>, token = owner.token) =>
  request.get(`/api/v1/reports/${path}?${new URLSearchParams({ ...range, ...query })}`, { headers: { Authorization: `Bearer ${token}` } });

test("csv of the detailed report: an attachment named after the range, the entries as rows", async ({ request }) => {
  const res = await file(request, "detailed", { format: "csv", columns: "date,start,end,hours,project,description,amount", bom: "1" });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toBe('attachment; filename="stint-report-2026-10-01-2026-10-31.csv"');
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // The owner's zone is UTC (newActor): 09:00-10:30, 1.5 h at 60.
  expect(body.subarray(3).toString("utf8")).toBe("Date,Start,End,Duration (hours),Project,Description,Amount\r\n2026-10-05,09:00,10:30,1.50,Export site,'=cmd|' /C calc'!A0,90.00\r\n");
});

test("csv of the grouped report, xlsx and pdf: their types and names", async ({ request }) => {
  const grouped = await file(request, "grouped", { format: "csv", group_by: "project" });
  expect(grouped.headers()["content-disposition"]).toBe('attachment; filename="stint-report-2026-10-01-2026-10-31-by-project.csv"');
  expect((await grouped.text()).split("\r\n").slice(1, 3).map((l) => l.split(",").slice(0, 3))).toEqual([["Export site", "1", "1:30"], ["Total", "1", "1:30"]]);

  const xlsx = await file(request, "grouped", { format: "xlsx", group_by: "project,day" });
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(xlsx.headers()["content-disposition"]).toBe('attachment; filename="stint-report-2026-10-01-2026-10-31-by-project-day.xlsx"');
  expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK"); // a zip, as every xlsx

  const pdf = await file(request, "detailed", { format: "pdf" });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toBe('attachment; filename="stint-report-2026-10-01-2026-10-31.pdf"');
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
});

test("bad format or columns: 400 in the one error shape; read:reports is needed", async ({ request }) => {
  const a = api(request, owner.token);
  await a.invalid("detailedReport", { query: { ...range, format: "docx" } }, "format");
  await a.invalid("detailedReport", { query: { ...range, format: "csv", columns: "date,secret" } }, "columns");
  await a.invalid("groupedReport", { query: { ...range, format: "csv", bom: "maybe" } }, "bom");
  const timeOnly = await mintToken(owner, ["read:time_entries"]);
  await api(request, timeOnly.token).fail("detailedReport", { query: { ...range, format: "csv" } }, 403, "insufficient_scope");
});
