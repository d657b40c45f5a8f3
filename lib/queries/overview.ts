"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PeriodKind } from "@/lib/time/period";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Overview } from "./types";

/** Totals of the day/week/month containing `date` (computed by the server, in the user's zone). */
export function useOverview(period: PeriodKind, date: string) {
  return useQuery({
    queryKey: keys.overviewOf(period, date),
    queryFn: () => apiFetch<{ overview: Overview }>(`/reports/overview?period=${period}&date=${date}`).then((r) => r.overview),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
