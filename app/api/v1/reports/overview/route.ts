import { apiRoute } from "@/lib/api/route";
import { overviewQuery, resolveOverviewPeriod } from "@/lib/reports/overview-query";
import { periodOverview } from "@/lib/reports/overview";

/** Stint: day/week/month totals in the user's zone and week start. */
export const GET = apiRoute({ scope: "read:reports", query: overviewQuery }, async ({ db, caller, query }) => {
  const period = resolveOverviewPeriod(caller.user, query);
  return { overview: await periodOverview(db, caller.user, period) };
});
