import type { GroupKey } from "@/lib/reports/builder/query-schema";
import type { ExportFormat } from "./params";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/**
 * "stint-report-2026-11-01-2026-11-30.csv"; a grouped CSV adds its grouping ("-by-project-tag"). Only
 * dates and fixed words, so the name needs no escaping in Content-Disposition.
 */
export function exportFilename(range: { start: string; end: string }, format: ExportFormat, groupBy?: readonly GroupKey[]): string {
  const by = groupBy?.length ? `-by-${groupBy.join("-")}` : "";
  return `stint-report-${range.start}-${range.end}${by}.${format}`;
}

/** The headers of a file answer: its type, and a download under its name. */
export function fileHeaders(filename: string, format: ExportFormat): Record<string, string> {
  return {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${filename}"`,
    // A report is private and changes with every entry: never kept by a cache.
    "Cache-Control": "no-store",
  };
}
