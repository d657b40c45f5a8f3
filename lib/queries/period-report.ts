"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PeriodKind } from "@/lib/time/period";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Entry, PeriodReport } from "./types";

// The Overview page's one request. Its keys live here, not in keys.ts, so that the Timer page (which
// loads keys.ts) carries none of the Overview's code.
/** Under "overview", so that whatever invalidates the overviews (entryRelated) invalidates it. */
const reportKey = (period: PeriodKind, date: string, userId: number | undefined) => [...keys.overview, "report", period, date, userId ?? "own"];
/** Under "entries", so that the entry hooks' optimistic edits and deletes (with undo) reach the sessions at once. */
const sessionsKey = (period: string, date: string, userId: number | undefined) => [...keys.entries, "period", period, date, userId ?? "own"];

/**
 * The report of the period a page was opened on, computed by the server while the browser loads the
 * page's code and streamed with the page (null if the server could not compute it): the first render
 * with data then waits for no request of its own (~160 ms of a month's 1,600 sessions on a busy machine).
 */
export type EarlyPeriodReport = { period: PeriodKind; date: string; report: Promise<PeriodReport | null> };

// An early report serves the first fetch of its period only: refetches (every minute, after edits) ask the API.
const usedEarly = new WeakSet<Promise<PeriodReport | null>>();

async function takeEarly(early: EarlyPeriodReport | undefined, period: PeriodKind, date: string): Promise<PeriodReport | null> {
  if (!early || early.period !== period || early.date !== date || usedEarly.has(early.report)) return null;
  usedEarly.add(early.report);
  return early.report;
}

/** Everything the Overview shows for the day/week/month starting at `date`, in one request: totals per
 *  day and project and the period's sessions (another member's with `userId`: managers and up). */
export function usePeriodReport(period: PeriodKind, date: string, userId?: number, early?: EarlyPeriodReport) {
  const client = useQueryClient();
  return useQuery({
    queryKey: reportKey(period, date, userId),
    queryFn: async () => {
      const report =
        (await takeEarly(early, period, date)) ??
        (await apiFetch<{ report: PeriodReport }>(`/reports/period?period=${period}&date=${date}${userId === undefined ? "" : `&user_id=${userId}`}`)).report;
      client.setQueryData(sessionsKey(period, date, userId), report.sessions);
      return report;
    },
    placeholderData: keepPreviousData,
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
