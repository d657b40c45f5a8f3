"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { ReportLoading } from "./loading";
import { type ReportEntry, useDetailedReport } from "@/lib/queries/reports";
import { duration, money } from "./format";
import styles from "./reports.module.css";

function when(entry: ReportEntry, timeZone: string): string {
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const start = new Date(entry.start_time);
  return `${date.format(start)}, ${time.format(start)}–${entry.end_time ? time.format(new Date(entry.end_time)) : "running"}`;
}

/** The entries behind the report, a page at a time (the API's cursor), with the same filters. */
export function DetailedList({ query, showMember }: { query: string; showMember: boolean }) {
  const detailed = useDetailedReport(query);
  if (detailed.isPending) return <ReportLoading rows={3} />;
  // A failed first page replaces the list; a failed "Load more" keeps the entries shown and says so below.
  if (!detailed.data) return <LoadError what="entries" error={detailed.error ?? new Error("Unknown error")} onRetry={() => detailed.refetch()} />;
  const first = detailed.data.pages[0];
  const entries = detailed.data.pages.flatMap((p) => p.entries);
  if (!entries.length) return <EmptyState title="No entries in this report" />;
  return (
    <div className="stack">
      <EntriesTable entries={entries} timeZone={first.time_zone} currency={first.currency} showMember={showMember} />
      {detailed.isFetchNextPageError && <p className="form-alert">More entries could not be loaded: {detailed.error.message}</p>}
      {detailed.hasNextPage && (
        <div>
          <Button type="button" variant="secondary" onClick={() => detailed.fetchNextPage()} disabled={detailed.isFetchingNextPage}>
            {detailed.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The entries' table, as the Reports page and a share link's page show it. */
export function EntriesTable({ entries, timeZone, currency, showMember }: { entries: ReportEntry[]; timeZone: string; currency: string; showMember: boolean }) {
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label="Entries table">
      <table className={styles.table} data-testid="report-entries">
        <caption className="visually-hidden">The entries behind the report</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            {showMember && <th scope="col">Member</th>}
            <th scope="col">Description</th>
            <th scope="col">Project</th>
            <th scope="col">Tags</th>
            <th scope="col">Billable</th>
            <th scope="col" className={styles.num}>
              Duration
            </th>
            <th scope="col" className={styles.num}>
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="report-entry">
              <td className={styles.nowrap}>{when(e, timeZone)}</td>
              {showMember && <td>{e.user}</td>}
              <td>{e.description || <span className="muted">(no description)</span>}</td>
              <td>
                {e.project ?? <span className="muted">No project</span>}
                {e.client && <span className="muted"> · {e.client}</span>}
                {e.task && <span className="muted"> · {e.task}</span>}
              </td>
              <td>{e.tags.join(", ")}</td>
              <td>{e.billable ? "Yes" : "No"}</td>
              <td className={styles.num}>{duration(e.seconds)}</td>
              <td className={styles.num}>{money(e.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
