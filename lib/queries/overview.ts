"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PeriodKind } from "@/lib/time/period";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Overview } from "./types";

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
