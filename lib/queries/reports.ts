"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { detailedReportShape, groupedReportShape } from "@/lib/reports/builder/response-schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";

// The Reports page's reads: GET /api/v1/reports/grouped and /detailed with the page's own query string,
// (each answers `{report}`), so the page shows exactly what the API (and the exports, which take the same string) answer.

export type GroupedReport = z.infer<typeof groupedReportShape>;
export type DetailedReport = z.infer<typeof detailedReportShape>;
export type ReportGroup = GroupedReport["groups"][number];
export type ReportEntry = DetailedReport["entries"][number];

// Under keys.reports, which entryRelated holds: any change to entries (here, on the Timer page, in another
// tab) refetches the report on screen.
const reportsKey = keys.reports;

/** The grouped report of a query string ("range=last_month&group_by=project,tag"). */
export function useGroupedReport(query: string, enabled = true) {
  return useQuery({
    queryKey: [...reportsKey, "grouped", query],
    queryFn: () => apiFetch<{ report: GroupedReport }>(`/reports/grouped?${query}`).then((r) => r.report),
    enabled,
    // A changed filter keeps the old figures on screen (marked busy) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The entries behind a report, a page at a time through the API's cursor. */
export function useDetailedReport(query: string, perPage = 50) {
  return useInfiniteQuery({
    queryKey: [...reportsKey, "detailed", query, perPage],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<{ report: DetailedReport }>(`/reports/detailed?${query}&per_page=${perPage}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`).then((r) => r.report),
    getNextPageParam: (last) => last.pagination.next_cursor,
    retry: false,
  });
}
