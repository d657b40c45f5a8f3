import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { resolveOverviewPeriod } from "@/lib/reports/overview-query";
import { overviewOf } from "@/lib/reports/team";
import { otherMethods } from "@/lib/api/other-methods";

/** Stint: day/week/month totals in the user's zone and week start; `user_id`: another member's (managers and up). */
export const GET = apiRoute(ops.overview, async ({ db, caller, query }) => ({
  overview: await overviewOf(db, caller.actor, resolveOverviewPeriod(caller.actor, query), query.user_id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
