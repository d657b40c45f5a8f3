"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { PeriodRowsReport } from "@/lib/reports/period";
import { expandSessionRows } from "@/lib/reports/period-rows";
import type { PeriodKind } from "@/lib/time/period";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { periodReportPath } from "./period-path";
import type { Entry, PeriodReport } from "./types";

// The Overview page's one request. Its keys live here, not in keys.ts, so that the Timer page (which
// loads keys.ts) carries none of the Overview's code.
/** Under "overview", so that whatever invalidates the overviews (entryRelated) invalidates it. */
const reportKey = (period: PeriodKind, date: string, userId: number | undefined) => [...keys.overview, "report", period, date, userId ?? "own"];
/** Under "entries", so that the entry hooks' optimistic edits and deletes (with undo) reach the sessions at once. */
const sessionsKey = (period: string, date: string, userId: number | undefined) => [...keys.entries, "period", period, date, userId ?? "own"];

/** Everything the Overview shows for the day/week/month starting at `date`, in one request: totals per
 *  day and project and the period's sessions (another member's with `userId`: managers and up).
 *  `firstScreen`: the page's server-rendered start (all totals, the first sessions), shown as this
 *  period's placeholder until the request answers. */
export function usePeriodReport(period: PeriodKind, date: string, userId?: number, firstScreen?: PeriodReport) {
  const client = useQueryClient();
  return useQuery({
    queryKey: reportKey(period, date, userId),
    queryFn: async () => {
      // The browser's HTTP cache is left in its default mode so that the page's preload of the first period
      // (a <link rel=preload as=fetch>, see the Overview page) is taken up; API answers are no-store anyway.
      const { report: rows } = await apiFetch<{ report: PeriodRowsReport }>(periodReportPath(period, date, userId), { cache: "default" });
      const { session_rows, ...totals } = rows;
      // A running session is counted as of the totals' instant; the list counts it on by its own clock.
      const report: PeriodReport = { ...totals, sessions: expandSessionRows(session_rows, Date.parse(rows.as_of)) };
      client.setQueryData(sessionsKey(period, date, userId), report.sessions);
      return report;
    },
    // The period just left (dimmed) while another loads; the page's first screen while its own period loads.
    placeholderData: (previous) => previous ?? (firstScreen?.kind === period && firstScreen.start_date === date ? firstScreen : undefined),
    refetchInterval: 60_000,
  });
}

/**
 * The sessions of a period report as edited since it arrived: kept among the cached lists of entries too,
 * where edits and deletes change them before the report is fetched again. Never fetched on their own.
 */
export function usePeriodSessions(report: PeriodReport | undefined, userId?: number): Entry[] {
  const { data } = useQuery({
    queryKey: sessionsKey(report?.kind ?? "none", report?.start_date ?? "", userId),
    queryFn: () => report?.sessions ?? [],
    enabled: false,
  });
  return data ?? report?.sessions ?? [];
}
