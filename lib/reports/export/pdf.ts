import { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { ReportEntry } from "@/lib/reports/builder/detailed";
import type { ReportFigures, ReportGroup } from "@/lib/reports/builder/grouped";
import type { GroupKey } from "@/lib/reports/builder/query-schema";
import { decimalHours, hmm, localParts, money } from "./format";

// The printable report, rendered by pdfkit on the server (no browser): a header with the range and the
// filters on every page, the totals by group, then the entries with their dates AND start and end times.
// Tables break between rows and repeat their column headings on each new page.

type Summary = { group_by: GroupKey[]; groups: ReportGroup[]; totals: ReportFigures; currency: string };
export type PdfMeta = { title: string; filters: string[]; timezone: string; currency: string; rounding: string };

type Col = { title: string; width: number; align?: "left" | "right" };

const MARGIN = 36;
const ROW = 14;
const FONT = 8;

/** Cuts a cell to what its column holds (pdfkit would wrap it and break the row height). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let t = text;
  while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, Math.max(1, Math.floor(t.length * 0.9)));
  return `${t}…`;
}

function table(doc: PDFKit.PDFDocument, cols: Col[]) {
  const bottom = () => doc.page.height - MARGIN - ROW;
  const draw = (cells: string[], bold: boolean) => {
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(FONT);
    cols.forEach((c, i) => {
      doc.text(fit(doc, cells[i] ?? "", c.width - 4), x, y, { width: c.width - 4, align: c.align ?? "left", lineBreak: false });
      x += c.width;
    });
    doc.x = MARGIN;
    doc.y = y + ROW;
  };
  const headings = () => {
    draw(cols.map((c) => c.title), true);
    const y = doc.y - 3;
    doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.5).stroke();
  };
  headings();
  return (cells: string[], bold = false) => {
    if (doc.y > bottom()) {
      doc.addPage();
      headings();
    }
    draw(cells, bold);
  };
}

function pageHeader(doc: PDFKit.PDFDocument, meta: PdfMeta) {
  doc.font("Helvetica-Bold").fontSize(14).text(meta.title, MARGIN, MARGIN);
  doc.font("Helvetica").fontSize(FONT);
  doc.text(`Filters: ${meta.filters.length ? meta.filters.join("; ") : "none"}`);
  doc.text(`Times in ${meta.timezone}. Rounding: ${meta.rounding}. Amounts in ${meta.currency}.`);
  doc.moveDown(0.8);
}

/**
 * The PDF as a byte stream: pdfkit writes each page out as it is finished, so a long entries table does
 * not keep earlier pages. `compress: false` leaves the page text readable (tests read it back).
 */
export function reportPdfStream(summary: Summary, entries: AsyncIterable<ReportEntry>, meta: PdfMeta, opts: { compress?: boolean } = {}): ReadableStream<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: MARGIN, compress: opts.compress ?? true, info: { Title: meta.title, Creator: "Stint" } });
  doc.on("pageAdded", () => pageHeader(doc, meta));
  pageHeader(doc, meta);
  (async () => {
    doc.font("Helvetica-Bold").fontSize(11).text("Totals by group", MARGIN);
    doc.moveDown(0.3);
    const two = summary.group_by.length === 2;
    const label = (k: GroupKey) => k[0].toUpperCase() + k.slice(1);
    const groupRow = table(doc, [
      { title: label(summary.group_by[0]), width: two ? 170 : 300 },
      ...(two ? [{ title: label(summary.group_by[1]), width: 170 }] : []),
      { title: "Entries", width: 50, align: "right" as const },
      { title: "Duration", width: 60, align: "right" as const },
      { title: "Hours", width: 50, align: "right" as const },
      { title: "Billable", width: 60, align: "right" as const },
      { title: "Rounded", width: 60, align: "right" as const },
      { title: "Amount", width: 70, align: "right" as const },
      { title: "Rounded amount", width: 70, align: "right" as const },
    ]);
    const figures = (f: ReportFigures) => [String(f.entries), hmm(f.seconds), decimalHours(f.seconds), hmm(f.billable_seconds), hmm(f.rounded_seconds), money(f.amount), money(f.rounded_amount)];
    for (const g of summary.groups) {
      groupRow([g.name, ...(two ? [""] : []), ...figures(g)], two);
      for (const s of g.groups ?? []) groupRow(["", s.name, ...figures(s)]);
    }
    groupRow(["Total", ...(two ? [""] : []), ...figures(summary.totals)], true);

    doc.moveDown(1);
    if (doc.y > doc.page.height - MARGIN - 4 * ROW) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(11).text("Entries", MARGIN);
    doc.moveDown(0.3);
    const entryRow = table(doc, [
      { title: "Date", width: 56 },
      { title: "Start", width: 34 },
      { title: "End", width: 60 },
      { title: "Duration", width: 44, align: "right" },
      { title: "Rounded", width: 44, align: "right" },
      { title: "Member", width: 80 },
      { title: "Project", width: 100 },
      { title: "Task", width: 70 },
      { title: "Description", width: 172 },
      { title: "Billable", width: 40 },
      { title: "Amount", width: 70, align: "right" },
    ]);
    for await (const e of entries) {
      const start = localParts(e.start_time, meta.timezone);
      const end = e.end_time ? localParts(e.end_time, meta.timezone) : null;
      entryRow([
        start.date,
        start.time,
        end ? (end.date === start.date ? end.time : `${end.date.slice(5)} ${end.time}`) : "running",
        hmm(e.seconds),
        e.rounded_seconds === null ? "" : hmm(e.rounded_seconds),
        e.user,
        e.project ?? "",
        e.task ?? "",
        e.description,
        e.billable ? "yes" : "no",
        money(e.amount),
      ]);
    }
    doc.end();
  })().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(doc as unknown as Readable) as ReadableStream<Uint8Array>;
}
