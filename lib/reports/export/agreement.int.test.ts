import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { createEntry } from "@/lib/entries/service";
import { parseOrThrow } from "@/lib/errors";
import { createProject } from "@/lib/projects/service";
import { detailedReport } from "@/lib/reports/builder/detailed";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { detailedReportQuery, groupedReportQuery, type GroupedReportInput } from "@/lib/reports/builder/query-schema";
import { memberIn } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import type { MemberActor } from "@/lib/workspaces/actor";
import { updateMember } from "@/lib/workspaces/members";
import { updateWorkspace } from "@/lib/workspaces/service";
import { parseCsv, pdfText, xlsxSeconds } from "@/lib/testing/read-back";
import { exportDetailedReport, exportGroupedReport } from "./respond";

// One hand-computed month, read back from every place a report shows: the JSON, the grouped CSV, the entries
// CSV, the XLSX's two sheets and the PDF's text. If any of them prices, rounds, splits or filters differently,
// its figure stops matching the hand-written one here.
//
// October 2026 in Europe/Berlin, rates at every level of the precedence
//   member-on-project (60) > project (40) > client (30) > member (20) > workspace default (10):
//  1 owner P1 Mon 05 09:00–10:07      4020 s billable  project 40        44.67   up15: 4500 s  50.00
//  2 m1    P1 Tue 06 23:30–Wed 01:15  6300 s billable  member-on-proj 60 105.00  (across local midnight)
//  3 m1    P2 Sun 25 01:30–03:30      10800 s billable client 30         90.00   (DST ends: 3 real hours)
//  4 m1    P3 Mon 12 14:00–14:07      420 s billable   member 20          2.33   up15: 900 s    5.00
//  5 m1    P3 Wed 14 10:00–10:07      420 s billable   member 20          2.33   up15: 900 s    5.00
//  6 owner P3 Mon 12 10:00–10:08      480 s billable   workspace 10       1.33   up15: 900 s    2.50
//  7 owner P2 Tue 13 09:00–09:50      3000 s not billable                 0      up15: 3600 s   0
//  8 m1    P2 Wed Sep 30 23:00–Thu Oct 01 01:00: its October hour, 3600 s, client 30 = 30.00 (it starts before the range)
//  outside: owner P1 Sun Nov 01 00:30–01:00 local (still October in UTC)
// Groups by project, member: (P3, m1) holds two 7-minute entries, so per entry rounds 2 × 15 min and per
// group rounds its 14 minutes once to 15. Its amount is priced from the group's exact sum: 840 s × 20 = 4.67
// (the entries' own cents, 2.33 + 2.33, are what the entries list shows). The month: 29,040 s, 275.67.

let t: TestDb;
let owner: TestUser;
let m1: MemberActor;
let mia: string;
let acmeId: number;
const ids = { p1: 0, p2: 0, p3: 0 };

beforeAll(async () => {
  t = await createTestDb();
  owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
  const u1 = await makeUser(t.db, { timezone: "Europe/Berlin" });
  mia = u1.name;
  m1 = await memberIn(t.db, owner.workspaceId, u1.id, "member");
  await updateWorkspace(t.db, owner, { default_hourly_rate: 10 });
  await updateMember(t.db, owner, u1.id, { hourly_rate: 20 });
  const acme = await createClient(t.db, owner, { name: "Acme", hourly_rate: 30 });
  acmeId = acme.id;
  ids.p1 = (await createProject(t.db, owner, { name: "P1", client_id: acme.id, hourly_rate: 40, member_rates: [{ user_id: u1.id, hourly_rate: 60 }] })).id;
  ids.p2 = (await createProject(t.db, owner, { name: "P2", client_id: acme.id })).id;
  ids.p3 = (await createProject(t.db, owner, { name: "P3" })).id;
  const book = (who: MemberActor, project: number, notes: string, start: string, end: string, billable = true) =>
    createEntry(t.db, who, { notes, project_id: project, billable, start_time: start, end_time: end });
  await book(owner, ids.p1, "one", "2026-10-05T09:00:00", "2026-10-05T10:07:00");
  await book(m1, ids.p1, "two", "2026-10-06T23:30:00", "2026-10-07T01:15:00");
  await book(m1, ids.p2, "three", "2026-10-25T01:30:00", "2026-10-25T03:30:00");
  await book(m1, ids.p3, "four", "2026-10-12T14:00:00", "2026-10-12T14:07:00");
  await book(m1, ids.p3, "five", "2026-10-14T10:00:00", "2026-10-14T10:07:00");
  await book(owner, ids.p3, "six", "2026-10-12T10:00:00", "2026-10-12T10:08:00");
  await book(owner, ids.p2, "seven", "2026-10-13T09:00:00", "2026-10-13T09:50:00", false);
  await book(m1, ids.p2, "edge", "2026-09-30T23:00:00", "2026-10-01T01:00:00");
  await book(owner, ids.p1, "november", "2026-11-01T00:30:00", "2026-11-01T01:00:00");
});
afterAll(() => t.cleanup());

const october = { start_date: "2026-10-01", end_date: "2026-10-31", group_by: "project,member", rounding: "up", rounding_minutes: 15 } as const;
const entry = { ...october, rounding_scope: "entry" } as const;
const group = { ...october, rounding_scope: "group" } as const;

type Figures = { entries: number; seconds: number; billable: number; rounded: number; amount: number; roundedAmount: number };
const HAND: Record<"entry" | "group", { total: Figures; p3m1: Figures }> = {
  entry: {
    total: { entries: 8, seconds: 29040, billable: 26040, rounded: 31500, amount: 275.67, roundedAmount: 287.5 },
    p3m1: { entries: 2, seconds: 840, billable: 840, rounded: 1800, amount: 4.67, roundedAmount: 10 },
  },
  group: {
    // Per group: (P1, owner) 4020 → 4500; (P1, m1) 6300; (P2, m1) 10800 + 3600; (P2, owner) 3000 → 3600; (P3, m1) 840 → 900; (P3, owner) 480 → 900.
    total: { entries: 8, seconds: 29040, billable: 26040, rounded: 30600, amount: 275.67, roundedAmount: 282.5 },
    p3m1: { entries: 2, seconds: 840, billable: 840, rounded: 900, amount: 4.67, roundedAmount: 5 },
  },
};

const grouped = (q: GroupedReportInput) => groupedReport(t.db, owner, parseOrThrow(groupedReportQuery, q));
const file = async (q: Record<string, unknown>, kind: "grouped" | "detailed") => {
  const res =
    kind === "grouped"
      ? await exportGroupedReport(t.db, owner, parseOrThrow(groupedReportQuery, q) as never, { pdf: { compress: false } })
      : await exportDetailedReport(t.db, owner, parseOrThrow(detailedReportQuery, q) as never);
  return Buffer.from(await res.arrayBuffer());
};
const hours = (s: number) => (s / 3600).toFixed(2);
const money = (n: number) => n.toFixed(2);

describe.each(["entry", "group"] as const)("one month, rounded per %s: every output says the hand-computed figures", (scope) => {
  const q = scope === "entry" ? entry : group;
  const hand = HAND[scope];

  it("the JSON report", async () => {
    const r = await grouped(q);
    const f = r.totals;
    expect({ entries: f.entries, seconds: f.seconds, billable: f.billable_seconds, rounded: f.rounded_seconds, amount: f.amount, roundedAmount: f.rounded_amount }).toEqual(hand.total);
    const p3m1 = r.groups.find((g) => g.name === "P3")!.groups!.find((g) => g.name === mia)!;
    expect([p3m1.entries, p3m1.seconds, p3m1.rounded_seconds, p3m1.amount, p3m1.rounded_amount]).toEqual([2, 840, hand.p3m1.rounded, hand.p3m1.amount, hand.p3m1.roundedAmount]);
    // The DST entry is three real hours on the 25th; the cross-midnight one is split 30 min / 75 min in a by-day report.
    const days = await grouped({ ...q, group_by: "day" });
    const day = (d: string) => days.groups.find((g) => g.key === d)?.seconds;
    expect([day("2026-10-25"), day("2026-10-06"), day("2026-10-07"), day("2026-11-01")]).toEqual([10800, 1800, 4500, undefined]);
  });

  it("the grouped CSV: its Total row and the (P3, member) row", async () => {
    const [header, ...rows] = parseCsv((await file({ ...q, format: "csv" }, "grouped")).toString("utf8"));
    const col = (name: string) => header.indexOf(name);
    const figures = (row: string[]) => [row[col("Entries")], row[col("Duration (hours)")], row[col("Billable duration (hours)")], row[col("Rounded duration (hours)")], row[col("Amount")], row[col("Rounded amount")]];
    const total = rows.find((r) => r[0] === "Total")!;
    expect(figures(total)).toEqual([String(hand.total.entries), hours(hand.total.seconds), hours(hand.total.billable), hours(hand.total.rounded), money(hand.total.amount), money(hand.total.roundedAmount)]);
    const p3m1 = rows.find((r) => r[0] === "P3" && r[1] === mia)!;
    expect(figures(p3m1)).toEqual(["2", hours(840), hours(840), hours(hand.p3m1.rounded), money(hand.p3m1.amount), money(hand.p3m1.roundedAmount)]);
  });

  it("the entries CSV: one row per entry, local dates and times, its durations add up to the report's", async () => {
    const columns = "date,start,end,hours,rounded_duration,member,project,billable,rate,amount,rounded_amount,description,duration";
    const [header, ...rows] = parseCsv((await file({ ...q, format: "csv", columns }, "detailed")).toString("utf8"));
    expect(header).toEqual(["Date", "Start", "End", "Duration (hours)", "Rounded duration (h:mm)", "Member", "Project", "Billable", "Rate", "Amount", "Rounded amount", "Description", "Duration (h:mm)"]);
    const byNote = Object.fromEntries(rows.map((r) => [r[11], r]));
    expect(Object.keys(byNote).sort()).toEqual(["edge", "five", "four", "one", "seven", "six", "three", "two"]);
    expect(byNote.edge.slice(0, 4)).toEqual(["2026-09-30", "23:00", "2026-10-01 01:00", "1.00"]);
    expect(byNote.two.slice(0, 4)).toEqual(["2026-10-06", "23:30", "2026-10-07 01:15", "1.75"]);
    expect(byNote.three.slice(0, 4)).toEqual(["2026-10-25", "01:30", "03:30", "3.00"]);
    // The rate each entry got, level by level.
    expect(["one", "two", "three", "four", "six", "seven"].map((n) => byNote[n][8])).toEqual(["40.00", "60.00", "30.00", "20.00", "10.00", "30.00"]);
    expect(["one", "two", "three", "four", "five", "six", "seven"].map((n) => byNote[n][9])).toEqual(["44.67", "105.00", "90.00", "2.33", "2.33", "1.33", "0.00"]);
    // Whole minutes here, so h:mm adds up exactly (hours to two decimals would not).
    const hmmSeconds = (v: string) => Number(v.split(":")[0]) * 3600 + Number(v.split(":")[1]) * 60;
    expect(rows.reduce((sum, r) => sum + hmmSeconds(r[12]), 0)).toBe(hand.total.seconds);
    if (scope === "entry") {
      expect(rows.map((r) => r[4]).sort()).toEqual(["0:15", "0:15", "0:15", "1:00", "1:00", "1:15", "1:45", "3:00"]);
      expect(rows.reduce((s, r) => s + Number(r[10]), 0).toFixed(2)).toBe(money(hand.total.roundedAmount));
    } else {
      // Per group, an entry has no rounded figure of its own: rounding it would round twice.
      expect(rows.map((r) => [r[4], r[10]])).toEqual(Array(8).fill(["", ""]));
    }
  });

  it("the XLSX: the Summary's Total row and the Entries sheet's durations", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file({ ...q, format: "xlsx" }, "grouped")) as never);
    const summary = wb.getWorksheet("Summary")!;
    const head = (summary.getRow(1).values as unknown[]).map(String);
    let total: ExcelJS.Row | undefined;
    summary.eachRow((row) => (row.getCell(1).value === "Total" ? (total = row) : undefined));
    const cell = (name: string) => total!.getCell(head.indexOf(name));
    expect(xlsxSeconds(cell("Duration").value)).toBe(hand.total.seconds);
    expect(xlsxSeconds(cell("Rounded duration").value)).toBe(hand.total.rounded);
    expect([cell("Entries").value, cell("Amount").value, cell("Rounded amount").value]).toEqual([hand.total.entries, hand.total.amount, hand.total.roundedAmount]);
    const entries = wb.getWorksheet("Entries")!;
    const eHead = (entries.getRow(1).values as unknown[]).map(String);
    let seconds = 0;
    entries.eachRow((row, n) => {
      if (n > 1) seconds += xlsxSeconds(row.getCell(eHead.indexOf("Duration")).value);
    });
    expect(seconds).toBe(hand.total.seconds);
  });

  it("the PDF's text: the totals line, and the entries with dates and times", async () => {
    const text = pdfText((await file({ ...q, format: "pdf" }, "grouped")).toString("latin1"));
    const at = text.indexOf("Total");
    // Total, (second level blank), entries, duration, hours, billable, rounded, amount, rounded amount
    const h = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}`;
    expect(text.slice(at, at + 8)).toEqual(["Total", String(hand.total.entries), h(hand.total.seconds), hours(hand.total.seconds), h(hand.total.billable), h(hand.total.rounded), money(hand.total.amount), money(hand.total.roundedAmount)]);
    for (const s of ["2026-10-06", "23:30", "10-07 01:15", "2026-10-25", "01:30", "03:30"]) expect(text).toContain(s);
    expect(text).not.toContain("november");
  });
});

describe("filters change every output as they change the report", () => {
  it("billable only, one client, one member: the JSON, the CSVs, the XLSX and the PDF drop the same entries", async () => {
    const filtered = { ...entry, billable: "true", client_id: String(acmeId), user_id: String(m1.userId) } as const;
    // Mia's billable Acme entries: edge (P2, 3600 s in October, 30.00), two (P1, 6300 s, 105.00) and three (P2, 10800 s, 90.00).
    const r = await grouped(filtered);
    expect([r.totals.entries, r.totals.seconds, r.totals.amount]).toEqual([3, 20700, 225]);
    const [, ...groupedRows] = parseCsv((await file({ ...filtered, format: "csv" }, "grouped")).toString("utf8"));
    expect(groupedRows.find((row) => row[0] === "Total")!.slice(2, 3)).toEqual(["3"]);
    const [, ...entryRows] = parseCsv((await file({ ...filtered, format: "csv", columns: "description,hours,amount" }, "detailed")).toString("utf8"));
    expect(entryRows).toEqual([
      ["edge", "1.00", "30.00"],
      ["two", "1.75", "105.00"],
      ["three", "3.00", "90.00"],
    ]);
    const json = await detailedReport(t.db, owner, parseOrThrow(detailedReportQuery, filtered));
    expect(json.entries.map((e) => e.description)).toEqual(["edge", "two", "three"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file({ ...filtered, format: "xlsx" }, "grouped")) as never);
    expect(wb.getWorksheet("Entries")!.rowCount).toBe(4);
    const text = pdfText((await file({ ...filtered, format: "pdf" }, "grouped")).toString("latin1"));
    expect(text).toContain("three");
    for (const gone of ["one", "four", "six", "seven"]) expect(text).not.toContain(gone);
  });
});
