import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { createEntry } from "@/lib/entries/service";
import { parseOrThrow } from "@/lib/errors";
import { createProject } from "@/lib/projects/service";
import { detailedReport } from "@/lib/reports/builder/detailed";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { detailedReportQuery, groupedReportQuery, type DetailedReportInput, type GroupedReportInput } from "@/lib/reports/builder/query-schema";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { updateWorkspace } from "@/lib/workspaces/service";
import { parseCsv, pdfText, xlsxSeconds } from "@/lib/testing/read-back";
import { exportDetailedReport, exportGroupedReport } from "./respond";

let t: TestDb;
let owner: TestUser;
let acme: number;
let other: number;
beforeAll(async () => {
  t = await createTestDb();
  // Berlin: local times differ from UTC, and an entry crosses local midnight.
  owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
  await updateWorkspace(t.db, owner, { default_hourly_rate: 50 });
  const client = await createClient(t.db, owner, { name: "Acme, Inc." });
  acme = (await createProject(t.db, owner, { name: "Apollo", client_id: client.id, hourly_rate: 47.33 })).id;
  other = (await createProject(t.db, owner, { name: "Other" })).id;
  const entry = (project: number, notes: string, start: string, end: string, billable = true, tags?: string[]) =>
    createEntry(t.db, owner, { notes, project_id: project, billable, start_time: start, end_time: end, ...(tags ? { tags } : {}) });
  await entry(acme, "=SUM(A1:A9)", "2026-11-02T09:00:00", "2026-11-02T10:07:13", true, ["ops"]);
  await entry(acme, 'Said "hi", then left\nnext line', "2026-11-03T23:30:00", "2026-11-04T01:15:00", true, ["ops", "café"]);
  await entry(acme, "-10 minus", "2026-11-05T14:00:00", "2026-11-05T14:52:00", false);
  await entry(acme, "@home +1", "2026-11-06T08:05:00", "2026-11-06T08:11:00");
  await entry(other, "filtered out", "2026-11-07T08:00:00", "2026-11-07T09:00:00");
});
afterAll(() => t.cleanup());

const november = { start_date: "2026-11-01", end_date: "2026-11-30" } as const;
const filters = () => ({ ...november, project_id: String(acme), rounding: "up", rounding_minutes: 15 }) as const;
const detailedExport = (q: DetailedReportInput) => exportDetailedReport(t.db, owner, parseOrThrow(detailedReportQuery, { format: "csv", ...q }) as never);
const groupedExport = (q: GroupedReportInput) => exportGroupedReport(t.db, owner, parseOrThrow(groupedReportQuery, q) as never);

const hmm = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" });

describe("CSV of the detailed report", () => {
  it("has the report's entries and figures: same filters, rounding, local times; the attachment name has the range", async () => {
    const res = await detailedExport(filters());
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="stint-report-2026-11-01-2026-11-30.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual(["Date", "Start", "End", "Duration (h:mm)", "Duration (hours)", "Rounded duration (h:mm)", "Member", "Client", "Project", "Task", "Tags", "Description", "Billable", "Rate", "Amount", "Currency"]);

    const json = await detailedReport(t.db, owner, parseOrThrow(detailedReportQuery, { ...filters(), per_page: 500 }));
    expect(json.entries).toHaveLength(4);
    const expected = json.entries.map((e) => {
      const s = berlin(e.start_time);
      const end = berlin(e.end_time!);
      const defuse = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
      return [
        s.toISODate()!,
        s.toFormat("HH:mm"),
        end.toISODate() === s.toISODate() ? end.toFormat("HH:mm") : `${end.toISODate()} ${end.toFormat("HH:mm")}`,
        hmm(e.seconds),
        (Math.round((e.seconds / 3600) * 100) / 100).toFixed(2),
        hmm(e.rounded_seconds!),
        e.user,
        e.client ?? "",
        e.project ?? "",
        "",
        e.tags.join(", "),
        defuse(e.description),
        e.billable ? "yes" : "no",
        e.hourly_rate!.toFixed(2),
        e.amount!.toFixed(2),
        "EUR",
      ];
    });
    expect(rows).toEqual(expected);
    // Hand-checked: local times, the cross-midnight end, rounding up to 15 min per entry, 4033 s × 47.33 / 3600.
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[14]])).toEqual([
      ["2026-11-02", "09:00", "10:07", "1:07", "1.12", "1:15", "53.02"],
      ["2026-11-03", "23:30", "2026-11-04 01:15", "1:45", "1.75", "1:45", "82.83"],
      ["2026-11-05", "14:00", "14:52", "0:52", "0.87", "1:00", "0.00"],
      ["2026-11-06", "08:05", "08:11", "0:06", "0.10", "0:15", "4.73"],
    ]);
    // Quoting and formula injection: a typed formula is shown, not run; commas, quotes and newlines survive.
    expect(rows.map((r) => r[11])).toEqual(["'=SUM(A1:A9)", 'Said "hi", then left\nnext line', "'-10 minus", "'@home +1"]);
    expect(rows.map((r) => r[7])).toEqual(Array(4).fill("Acme, Inc."));
    expect(rows[1][10]).toBe("café, ops");
  });

  it("writes the chosen columns in their order, with a BOM when asked", async () => {
    const res = await detailedExport({ ...filters(), columns: "description,id,rounded_amount,hours", bom: "1" });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
    expect(rows[0]).toEqual(["Description", "Id", "Rounded amount", "Duration (hours)"]);
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([["59.16", "1.12"], ["82.83", "1.75"], ["0.00", "0.87"], ["11.83", "0.10"]]);
  });

  it("streams across many batches and an empty report is just the header", async () => {
    const res = await exportDetailedReport(t.db, owner, parseOrThrow(detailedReportQuery, { ...filters(), format: "csv" }) as never, { batch: 1 });
    expect(parseCsv(await res.text())).toHaveLength(5);
    const empty = await detailedExport({ start_date: "2026-01-01", end_date: "2026-01-31", format: "csv" });
    expect(parseCsv(await empty.text())).toHaveLength(1);
  });

  it("refuses a bad format or column with field errors", () => {
    const errors = (q: Record<string, string>) => {
      const r = detailedReportQuery.safeParse(q);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(errors({ format: "docx" })).toEqual(["format: format must be csv, xlsx or pdf."]);
    expect(errors({ format: "csv", columns: "date,password" })?.[0]).toMatch(/^columns: columns takes names separated by commas among id, date,/);
    expect(errors({ format: "csv", columns: "date,date" })).toEqual(["columns: columns: name each column once."]);
    expect(errors({ format: "csv", columns: "date,hours", bom: "1" })).toBeNull();
  });
});

describe("CSV of the grouped report", () => {
  it("has a row per group and a Total row equal to the grouped JSON", async () => {
    const q = { ...november, group_by: "project,day", rounding: "up", rounding_minutes: 15 } as const;
    const res = await groupedExport({ ...q, format: "csv" });
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="stint-report-2026-11-01-2026-11-30-by-project-day.csv"');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header.slice(0, 3)).toEqual(["Project", "Day", "Entries"]);
    const json = await groupedReport(t.db, owner, parseOrThrow(groupedReportQuery, q));
    const total = rows.at(-1)!;
    expect([total[0], total[2], total[4], total[8], total[10], total[11]]).toEqual(["Total", String(json.totals.entries), (json.totals.seconds / 3600).toFixed(2), (json.totals.rounded_seconds / 3600).toFixed(2), json.totals.amount!.toFixed(2), json.totals.rounded_amount!.toFixed(2)]);
    const apollo = rows.filter((r) => r[0] === "Apollo");
    expect(apollo.map((r) => r[1])).toEqual(["", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"]);
  });
});

describe("XLSX", () => {
  it("has a Summary with the grouped figures as numbers and an Entries sheet with real dates and numbers", async () => {
    const q = { ...filters(), group_by: "project" } as const;
    const res = await groupedExport({ ...q, format: "xlsx" });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="stint-report-2026-11-01-2026-11-30-by-project.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Summary", "Entries"]);
    const json = await groupedReport(t.db, owner, parseOrThrow(groupedReportQuery, q));

    const summary = wb.getWorksheet("Summary")!;
    const total = summary.getRow(3);
    expect(summary.getRow(2).getCell(1).value).toBe("Apollo");
    expect(total.getCell(1).value).toBe("Total");
    // Durations are numbers of days with a time format: exceljs reads such a number back as a Date from
    // 1899-12-30 (a text cell would read as a String), so the seconds are its distance from that epoch.
    const duration = total.getCell(3);
    expect(duration.type).toBe(ExcelJS.ValueType.Date);
    expect(duration.numFmt).toBe("[h]:mm");
    expect(xlsxSeconds(duration.value)).toBe(json.totals.seconds);
    expect(xlsxSeconds(total.getCell(6).value)).toBe(json.totals.rounded_seconds);
    expect(total.getCell(4).type).toBe(ExcelJS.ValueType.Number); // hours, 0.00
    expect(total.getCell(4).value).toBe(Math.round((json.totals.seconds / 3600) * 100) / 100);
    expect([total.getCell(8).value, total.getCell(9).value]).toEqual([json.totals.amount, json.totals.rounded_amount]);
    expect(total.getCell(8).type).toBe(ExcelJS.ValueType.Number);
    expect(total.getCell(8).numFmt).toBe('#,##0.00 "EUR"');

    const entries = wb.getWorksheet("Entries")!;
    expect(entries.rowCount).toBe(5);
    const second = entries.getRow(3);
    expect(second.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect((second.getCell(2).value as Date).toISOString()).toBe("2026-11-03T23:30:00.000Z"); // local wall clock
    expect((second.getCell(3).value as Date).toISOString()).toBe("2026-11-04T01:15:00.000Z");
    expect(second.getCell(4).numFmt).toBe("[h]:mm");
    expect(xlsxSeconds(second.getCell(4).value)).toBe(6300);
    expect(second.getCell(5).value).toBe(1.75);
    expect(second.getCell(15).value).toBe(82.83);
    expect(second.getCell(12).value).toBe('Said "hi", then left\nnext line');
  });
});

describe("PDF", () => {
  it("is a PDF with the header, totals by group and the entries with dates and times", async () => {
    const q = parseOrThrow(groupedReportQuery, { ...filters(), group_by: "project", format: "pdf" });
    const res = await exportGroupedReport(t.db, owner, q as never, { pdf: { compress: false } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const body = Buffer.from(await res.arrayBuffer()).toString("latin1");
    expect(body.startsWith("%PDF-")).toBe(true);
    const text = pdfText(body);
    expect(text).toContain("Stint report: 2026-11-01 to 2026-11-30");
    expect(text).toContain("Filters: Projects: Apollo");
    expect(text.some((l) => l.includes("Rounding: up to 15 min per entry"))).toBe(true);
    for (const s of ["2026-11-02", "09:00", "10:07", "2026-11-03", "23:30", "11-04 01:15", "Total", "3:50", "140.58"]) expect(text).toContain(s);
    expect(text).not.toContain("filtered out");
  });
});
