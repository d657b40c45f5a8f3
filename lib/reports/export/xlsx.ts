import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { ReportEntry } from "@/lib/reports/builder/detailed";
import type { ReportFigures, ReportGroup } from "@/lib/reports/builder/grouped";
import type { GroupKey } from "@/lib/reports/builder/query-schema";
import { sheetDate, wallClock } from "./format";

// The workbook: a Summary sheet (the grouped figures and the totals) and an Entries sheet, written by
// exceljs's streaming WorkbookWriter (rows are committed as they come, so the entries are never all held).
// Cells hold real values: durations are numbers of days with a [h]:mm format (Excel's unit), hours and
// amounts numbers, dates and times real dates, so sums and pivots work without converting text.

const DURATION = "[h]:mm";
const HOURS = "0.00";
const DATE = "yyyy-mm-dd";
const DATE_TIME = "yyyy-mm-dd hh:mm";
const days = (seconds: number) => seconds / 86_400;
const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
const moneyFormat = (currency: string) => `#,##0.00 "${currency.replace(/"/g, "")}"`;

type Summary = { group_by: GroupKey[]; groups: ReportGroup[]; totals: ReportFigures; currency: string };
type Meta = { timezone: string; currency: string; title: string };

type Col = { header: string; width: number; numFmt?: string };

function writeRow(sheet: ExcelJS.Worksheet, values: unknown[], cols: Col[], bold = false) {
  const row = sheet.addRow(values);
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.numFmt) cell.numFmt = c.numFmt;
    if (bold) cell.font = { bold: true };
  });
  row.commit();
}

function header(sheet: ExcelJS.Worksheet, cols: Col[]) {
  sheet.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, s: Summary, meta: Meta) {
  const sheet = wb.addWorksheet("Summary");
  const money = moneyFormat(s.currency);
  const cols: Col[] = [
    ...s.group_by.map((k) => ({ header: k[0].toUpperCase() + k.slice(1), width: 28 })),
    { header: "Entries", width: 9 },
    { header: "Duration", width: 11, numFmt: DURATION },
    { header: "Hours", width: 9, numFmt: HOURS },
    { header: "Billable duration", width: 11, numFmt: DURATION },
    { header: "Rounded duration", width: 11, numFmt: DURATION },
    { header: "Rounded billable duration", width: 11, numFmt: DURATION },
    { header: "Amount", width: 14, numFmt: money },
    { header: "Rounded amount", width: 14, numFmt: money },
  ];
  header(sheet, cols);
  const figures = (f: ReportFigures) => [f.entries, days(f.seconds), hours(f.seconds), days(f.billable_seconds), days(f.rounded_seconds), days(f.rounded_billable_seconds), f.amount, f.rounded_amount];
  const two = s.group_by.length === 2;
  for (const g of s.groups) {
    writeRow(sheet, [g.name, ...(two ? [null] : []), ...figures(g)], cols, two);
    for (const sub of g.groups ?? []) writeRow(sheet, [g.name, sub.name, ...figures(sub)], cols);
  }
  writeRow(sheet, ["Total", ...(two ? [null] : []), ...figures(s.totals)], cols, true);
  sheet.addRow([]).commit();
  sheet.addRow([meta.title]).commit();
  sheet.commit();
}

async function writeEntries(wb: ExcelJS.stream.xlsx.WorkbookWriter, entries: AsyncIterable<ReportEntry>, meta: Meta) {
  const sheet = wb.addWorksheet("Entries");
  const money = moneyFormat(meta.currency);
  const cols: Col[] = [
    { header: "Date", width: 11, numFmt: DATE },
    { header: "Start", width: 17, numFmt: DATE_TIME },
    { header: "End", width: 17, numFmt: DATE_TIME },
    { header: "Duration", width: 10, numFmt: DURATION },
    { header: "Hours", width: 8, numFmt: HOURS },
    { header: "Rounded duration", width: 10, numFmt: DURATION },
    { header: "Member", width: 20 },
    { header: "Client", width: 20 },
    { header: "Project", width: 24 },
    { header: "Task", width: 20 },
    { header: "Tags", width: 20 },
    { header: "Description", width: 40 },
    { header: "Billable", width: 8 },
    { header: "Rate", width: 12, numFmt: money },
    { header: "Amount", width: 12, numFmt: money },
    { header: "Rounded amount", width: 12, numFmt: money },
  ];
  header(sheet, cols);
  for await (const e of entries) {
    const start = wallClock(e.start_time, meta.timezone);
    writeRow(
      sheet,
      [
        sheetDate(start.toISOString().slice(0, 10)),
        start,
        e.end_time ? wallClock(e.end_time, meta.timezone) : null,
        days(e.seconds),
        hours(e.seconds),
        e.rounded_seconds === null ? null : days(e.rounded_seconds),
        e.user,
        e.client,
        e.project,
        e.task,
        e.tags.join(", "),
        e.description,
        e.billable,
        e.hourly_rate,
        e.amount,
        e.rounded_amount,
      ],
      cols,
    );
  }
  sheet.commit();
}

/**
 * The workbook as a byte stream. Written in the background as the response is read; an error midway
 * (the database went away) ends the stream with that error, so the download fails instead of looking whole.
 */
export function reportWorkbookStream(summary: Summary, entries: AsyncIterable<ReportEntry>, meta: Meta): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Stint";
  (async () => {
    writeSummary(wb, summary, meta);
    await writeEntries(wb, entries, meta);
    await wb.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
