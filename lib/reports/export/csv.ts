import type { ReportEntry } from "@/lib/reports/builder/detailed";
import type { ReportGroup, ReportFigures } from "@/lib/reports/builder/grouped";
import type { GroupKey } from "@/lib/reports/builder/query-schema";
import { decimalHours, hmm, localParts, money } from "./format";
import { ENTRY_COLUMN_TITLES, type EntryColumn } from "./params";

// CSV by RFC 4180 (comma, CRLF, quotes doubled), UTF-8, optionally with a BOM for Excel. Text a person typed
// (descriptions, names, tags) that starts like a formula is prefixed with ' as OWASP recommends, so a
// spreadsheet shows it instead of running it; figures Stint writes are never prefixed.

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a text a person typed is defused, then every cell is quoted when it holds , " CR or LF. */
export function csvCell(value: string, opts: { text?: boolean } = {}): string {
  const v = opts.text && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const csvLine = (cells: string[]) => `${cells.join(",")}\r\n`;

type Ctx = { timezone: string; currency: string };


const text = (v: string | null) => csvCell(v ?? "", { text: true });

/** A cell per column for one entry; start/end are local times in the report's zone (end empty while running). */
function entryCells(e: ReportEntry, columns: readonly EntryColumn[], ctx: Ctx): string[] {
  const start = localParts(e.start_time, ctx.timezone);
  const end = e.end_time ? localParts(e.end_time, ctx.timezone) : null;
  const rounded = e.rounded_seconds;
  return columns.map((c) => {
    switch (c) {
      case "id": return String(e.id);
      case "date": return start.date;
      case "start": return start.time;
      // An entry ending on a later local day says so, or 01:00 would read as before its start.
      case "end": return end ? (end.date === start.date ? end.time : `${end.date} ${end.time}`) : "";
      case "duration": return hmm(e.seconds);
      case "hours": return decimalHours(e.seconds);
      case "rounded_duration": return rounded === null ? "" : hmm(rounded);
      case "rounded_hours": return rounded === null ? "" : decimalHours(rounded);
      case "member": return text(e.user);
      case "client": return text(e.client);
      case "project": return text(e.project);
      case "task": return text(e.task);
      case "tags": return text(e.tags.join(", "));
      case "description": return text(e.description);
      case "billable": return e.billable ? "yes" : "no";
      case "rate": return money(e.hourly_rate);
      case "amount": return money(e.amount);
      case "rounded_amount": return money(e.rounded_amount);
      case "currency": return ctx.currency;
    }
  });
}

const encoder = new TextEncoder();
const FLUSH_AT = 32 * 1024;

/**
 * The entries CSV as a byte stream: the header goes out at once, then the rows as the iterator reads them
 * (batch by batch from the database), a chunk at a time, so memory stays flat however long the report.
 * `first` is the iterator's first result, read before the response started so a refusal is still a 4xx.
 */
export function entriesCsvStream(
  entries: AsyncIterator<ReportEntry>,
  first: IteratorResult<ReportEntry>,
  columns: readonly EntryColumn[],
  ctx: Ctx,
  opts: { bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  let pending: IteratorResult<ReportEntry> | null = first;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode((opts.bom ? BOM : "") + csvLine(columns.map((c) => ENTRY_COLUMN_TITLES[c]))));
    },
    async pull(controller) {
      let chunk = "";
      while (chunk.length < FLUSH_AT) {
        const next = pending ?? (await entries.next());
        pending = null;
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(entryCells(next.value, columns, ctx));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      // The client went away: end the iterator so it reads no further batch.
      await entries.return?.(undefined);
    },
  });
}

const FIGURE_HEADERS = [
  "Entries",
  "Duration (h:mm)",
  "Duration (hours)",
  "Billable duration (h:mm)",
  "Billable duration (hours)",
  "Rounded duration (h:mm)",
  "Rounded duration (hours)",
  "Rounded billable duration (hours)",
  "Amount",
  "Rounded amount",
  "Currency",
];

function figureCells(f: ReportFigures, currency: string): string[] {
  return [
    String(f.entries),
    hmm(f.seconds),
    decimalHours(f.seconds),
    hmm(f.billable_seconds),
    decimalHours(f.billable_seconds),
    hmm(f.rounded_seconds),
    decimalHours(f.rounded_seconds),
    decimalHours(f.rounded_billable_seconds),
    money(f.amount),
    money(f.rounded_amount),
    currency,
  ];
}

const label = (k: GroupKey) => k[0].toUpperCase() + k.slice(1);

/**
 * The grouped CSV: one row per group with its figures (with two levels, a first-level row, then its
 * subgroups under it with both names), and a last Total row; small, so built whole.
 */
export function groupedCsv(report: { group_by: GroupKey[]; groups: ReportGroup[]; totals: ReportFigures; currency: string }, opts: { bom?: boolean } = {}): string {
  const two = report.group_by.length === 2;
  const names = (a: string, b?: string) => (two ? [text(a), text(b ?? "")] : [text(a)]);
  let out = (opts.bom ? BOM : "") + csvLine([...report.group_by.map(label), ...FIGURE_HEADERS]);
  for (const g of report.groups) {
    out += csvLine([...names(g.name), ...figureCells(g, report.currency)]);
    for (const s of g.groups ?? []) out += csvLine([...names(g.name, s.name), ...figureCells(s, report.currency)]);
  }
  out += csvLine([...names("Total"), ...figureCells(report.totals, report.currency)]);
  return out;
}
