"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { useMe } from "@/lib/queries/me";
import { useDetailedReport } from "@/lib/queries/reports";
import { EntriesHead, roundsEntries } from "./entries-table";
import { ReportLoading } from "./loading";
import { ReportEntryRow } from "./report-entry-row";
import styles from "./reports.module.css";

/** The entries behind the report, a page at a time (the API's cursor), with the same filters; one's own are edited in place. */
export function DetailedList({ query, showMember }: { query: string; showMember: boolean }) {
  const detailed = useDetailedReport(query);
  const me = useMe().data;
  const [status, setStatus] = useState("");
  if (detailed.isPending) return <ReportLoading rows={3} />;
  // A failed first page replaces the list; a failed "Load more" keeps the entries shown and says so below.
  if (!detailed.data) return <LoadError what="entries" error={detailed.error ?? new Error("Unknown error")} onRetry={() => detailed.refetch()} />;
  const first = detailed.data.pages[0];
  const entries = detailed.data.pages.flatMap((p) => p.entries);
  if (!entries.length) return <EmptyState title="No entries in this report" />;
  // Rounded per entry: each entry's rounded time and amount beside the raw ones (per group, only the summary has them).
  const showRounded = roundsEntries(first);
  const columns = 8 + (showMember ? 1 : 0) + (showRounded ? 2 : 0);
  return (
    <div className="stack">
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="Entries table">
        <table className={styles.table} data-testid="report-entries">
          <caption className="visually-hidden">The entries behind the report</caption>
          <EntriesHead showMember={showMember} showRounded={showRounded} editColumn />
          <tbody>
            {entries.map((e) => (
              <ReportEntryRow
                key={e.id}
                entry={e}
                timeZone={first.time_zone}
                currency={first.currency}
                showMember={showMember}
                showRounded={showRounded}
                editable={me !== undefined && e.user_id === me.id}
                columns={columns}
                onSaved={setStatus}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" className="visually-hidden">
        {status}
      </p>
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
