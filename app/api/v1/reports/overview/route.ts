import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { periodOverview } from "@/lib/reports/overview";
import { resolveOverviewPeriod } from "@/lib/reports/overview-query";
import { otherMethods } from "@/lib/api/other-methods";

/** Stint: day/week/month totals in the user's zone and week start. */
export const GET = apiRoute(ops.overview, async ({ db, caller, query }) => ({
  overview: await periodOverview(db, caller.actor, resolveOverviewPeriod(caller.actor, query)),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
