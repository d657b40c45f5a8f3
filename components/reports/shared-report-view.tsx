"use client";

import { EmptyState } from "@/components/ui/empty-state";
import type { DetailedReport, GroupedReport } from "@/lib/queries/reports";
import { EntriesTable, roundsEntries } from "./entries-table";
import { localDay } from "./format";
import { RANGE_LABELS } from "./labels";
import { ReportTable } from "./report-table";
import styles from "./reports.module.css";

type Props = { name: string; token: string; grouped: GroupedReport; detailed: DetailedReport; shown: number };

/** A share link's page: the saved report read-only (no filters to change), its totals and its entries. */
export function SharedReportView({ name, token, grouped, detailed, shown }: Props) {
  const exportUrl = (format: string) => `/share/${encodeURIComponent(token)}/export?format=${format}`;
  const more = detailed.pagination.next_cursor !== null;
  return (
    <main className={`stack ${styles.shell}`}>
      <p className="brand">Stint</p>
      <div className={styles.head}>
        <h1>{name}</h1>
        <div className={styles.exports} aria-label="Export" role="group">
          <a className="button button-secondary button-small" href={exportUrl("csv")} download>
            CSV
          </a>
          <a className="button button-secondary button-small" href={exportUrl("xlsx")} download>
            Excel
          </a>
          <a className="button button-secondary button-small" href={exportUrl("pdf")} download>
            PDF
          </a>
        </div>
      </div>
      <p className="muted" data-testid="report-range">
        A read-only report shared from Stint. {RANGE_LABELS[grouped.range]}: {localDay(grouped.start_date)} – {localDay(grouped.end_date)} ({grouped.time_zone})
      </p>
      <section className={styles.section} aria-labelledby="report-summary-title">
        <h2 id="report-summary-title">Summary</h2>
        {grouped.totals.entries === 0 ? <EmptyState title="No time in this report" /> : <ReportTable report={grouped} />}
      </section>
      {grouped.totals.entries > 0 && (
        <section className={styles.section} aria-labelledby="report-entries-title">
          <h2 id="report-entries-title">Entries</h2>
          <EntriesTable entries={detailed.entries} timeZone={detailed.time_zone} currency={detailed.currency} showMember showRounded={roundsEntries(detailed)} />
          {more && <p className="muted">The first {shown} entries are shown: the CSV has them all.</p>}
        </section>
      )}
    </main>
  );
}
