"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PeriodKind } from "@/lib/time/period";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Overview, PeriodReport } from "./types";

/** Totals of the day/week/month containing `date` (computed by the server, in the user's zone); another
 *  member's with `userId` (managers and up). */
export function useOverview(period: PeriodKind, date: string, userId?: number) {
  return useQuery({
    queryKey: userId === undefined ? keys.overviewOf(period, date) : [...keys.overviewOf(period, date), "user", userId],
    queryFn: () => apiFetch<{ overview: Overview }>(`/reports/overview?period=${period}&date=${date}${userId === undefined ? "" : `&user_id=${userId}`}`).then((r) => r.overview),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Everything the Overview shows for the day/week/month starting at `date`, in one request: the totals
 *  above and the period's sessions (another member's with `userId`: managers and up). */
export function usePeriodReport(period: PeriodKind, date: string, userId?: number) {
  return useQuery({
    queryKey: userId === undefined ? keys.periodReportOf(period, date) : [...keys.periodReportOf(period, date), "user", userId],
    queryFn: () => apiFetch<{ report: PeriodReport }>(`/reports/period?period=${period}&date=${date}${userId === undefined ? "" : `&user_id=${userId}`}`).then((r) => r.report),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
