import { expect } from "vitest";

// Reading exported files back the way a spreadsheet or a PDF reader would, for tests of lib/reports/export.

/** RFC 4180 read back: quoted fields with doubled quotes, CRLF between records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += c;
  }
  expect(cell).toBe("");
  return rows;
}

/**
 * A duration cell's seconds: durations are numbers of days with a time format, which exceljs reads back as a
 * Date from 1899-12-30 (a text cell would read as a String), so the seconds are its distance from that epoch.
 */
export const xlsxSeconds = (v: unknown) => Math.round(((v as Date).getTime() - Date.UTC(1899, 11, 30)) / 1000);

/** The text a pdfkit page shows, from its uncompressed content streams (hex strings in TJ arrays). */
export function pdfText(pdf: string): string[] {
  const lines: string[] = [];
  for (const m of pdf.matchAll(/\[([^\]]*)\] TJ/g)) {
    const hex = [...m[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join("");
    lines.push(Buffer.from(hex, "hex").toString("latin1"));
  }
  return lines;
}
