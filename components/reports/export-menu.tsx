"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { ENTRY_COLUMNS, ENTRY_COLUMN_TITLES } from "@/lib/reports/export/params";
import { csvExportParams, useCsvExport } from "@/lib/stores/csv-export";
import styles from "./reports.module.css";

/**
 * The report's files: the same query string as the screen with &format=…, so a file never differs from what
 * is shown. The entries CSV takes the columns (and the byte order mark) this browser chose last.
 */
export function ExportMenu({ query }: { query: string }) {
  const { columns, bom, toggle, setBom, reset } = useCsvExport();
  // The choice lives in localStorage: before hydration the server's default link is what the HTML says.
  const hydrated = useHydrated();
  const csv = hydrated ? csvExportParams(columns, bom) : "";
  const href = (kind: "detailed" | "grouped", format: string, extra = "") => `/api/v1/reports/${kind}?${query}&format=${format}${extra}`;
  return (
    <div className={styles.exports} aria-label="Export" role="group">
      <a className="button button-secondary button-small" href={href("detailed", "csv", csv)} download data-testid="export-csv">
        CSV
      </a>
      <a className="button button-secondary button-small" href={href("grouped", "csv")} download data-testid="export-grouped-csv">
        CSV by group
      </a>
      <a className="button button-secondary button-small" href={href("grouped", "xlsx")} download>
        Excel
      </a>
      <a className="button button-secondary button-small" href={href("grouped", "pdf")} download>
        PDF
      </a>
      <details className={styles.csvOptions}>
        <summary>CSV columns</summary>
        <fieldset>
          <legend>Columns of the entries CSV, in this order</legend>
          <div className={styles.columnGrid}>
            {ENTRY_COLUMNS.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={columns.includes(c)} disabled={columns.length === 1 && columns.includes(c)} onChange={() => toggle(c)} /> {ENTRY_COLUMN_TITLES[c]}
                {/* "Client column", not "Client": the filters above have a Client field too. */}
                <span className="visually-hidden"> column</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label>
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Start with a byte order mark (for Excel)
        </label>
        <button type="button" className="button button-secondary button-small" onClick={reset}>
          Default columns
        </button>
      </details>
    </div>
  );
}
