"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ReportLoading } from "./loading";
import { ApiError } from "@/lib/queries/fetch";
import { useGroupedReport } from "@/lib/queries/reports";
import { DetailedList } from "./detailed-list";
import { ExportMenu } from "./export-menu";
import { localDay } from "./format";
import { RANGE_LABELS } from "./labels";
import { ReportFilters } from "./report-filters";
import { ReportTable } from "./report-table";
import { SavedReports } from "./saved-reports";
import { chartSearch, chartTimeKey, parseReportUrl, type ReportState, reportSearch } from "./report-url";
import styles from "./reports.module.css";

// recharts comes with this chunk only: the Reports page loads it after its first paint, no other page does.
const ReportCharts = dynamic(() => import("./report-charts"), { ssr: false, loading: () => <ReportLoading rows={1} tall /> });

/** An error answer of the report API with its field messages (a 400 names the parameter that is wrong). */
function ReportError({ error }: { error: Error }) {
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="form-alert" role="alert" data-testid="report-error">
      <p className={styles.errorText}>The report could not be made: {error.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The Reports page: the URL's query string is the report; the API answers it; the page only shows it. */
export function ReportsView({ workspaceId, canSeeMembers }: { workspaceId: number; canSeeMembers: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.toString();
  const { state, problem } = useMemo(() => parseReportUrl(new URLSearchParams(raw)), [raw]);
  // A broken address goes to the API as it is, so the page shows the API's own 400 and its field message.
  const query = problem ? raw : reportSearch(state);

  const update = useCallback((patch: Partial<ReportState>) => router.replace(`${pathname}?${reportSearch({ ...state, ...patch })}`, { scroll: false }), [router, pathname, state]);

  const grouped = useGroupedReport(query);
  const report = grouped.data;
  const timeKey = report ? chartTimeKey(state, report.start_date, report.end_date) : "day";
  const overTime = useGroupedReport(chartSearch(state, timeKey), !!report && !problem && report.totals.entries > 0);
  const empty = report && report.totals.entries === 0;

  return (
    <div>
      <div className={styles.head}>
        <h1>Reports</h1>
        <ExportMenu query={query} />
      </div>
      <p className="muted" data-testid="report-range">
        {report ? `${RANGE_LABELS[report.range]}: ${localDay(report.start_date)} – ${localDay(report.end_date)} (${report.time_zone})` : " "}
      </p>

      <SavedReports key={`saved-${workspaceId}`} query={query} />

      <ReportFilters key={workspaceId} state={state} resolved={report} canSeeMembers={canSeeMembers} workspaceId={workspaceId} update={update} />

      <section className={styles.section} aria-labelledby="report-summary-title" aria-busy={grouped.isFetching}>
        <h2 id="report-summary-title">Summary</h2>
        {grouped.isError ? (
          <ReportError error={grouped.error} />
        ) : !report ? (
          <ReportLoading rows={4} />
        ) : empty ? (
          <EmptyState title="No time in this report">
            <p className="muted">Nothing was tracked in this range with these filters. Try another range or remove a filter.</p>
          </EmptyState>
        ) : (
          <div className={grouped.isPlaceholderData ? styles.busy : undefined}>
            <ReportTable report={report} />
          </div>
        )}
      </section>

      {report && !empty && !grouped.isError && (
        <section className={styles.section} aria-labelledby="report-charts-title">
          <h2 id="report-charts-title">Charts</h2>
          {overTime.isError ? <ReportError error={overTime.error} /> : <ReportCharts report={report} overTime={overTime.data} timeKey={timeKey} />}
        </section>
      )}

      {!grouped.isError && (
        <section className={styles.section} aria-labelledby="report-entries-title">
          <h2 id="report-entries-title">Entries</h2>
          <DetailedList query={query} showMember={canSeeMembers} />
        </section>
      )}
    </div>
  );
}
