import type { PeriodKind } from "@/lib/time/period";

/**
 * The API path of a period's report (under /api/v1): the Overview's one request, preloaded by its page. Its
 * sessions come as rows (a quarter of the size for a month, with no object per session on the server), expanded
 * in the browser (lib/queries/period-report.ts).
 */
export function periodReportPath(period: PeriodKind, date: string, userId?: number): string {
  return `/reports/period?period=${period}&date=${date}${userId === undefined ? "" : `&user_id=${userId}`}&shape=rows`;
}
