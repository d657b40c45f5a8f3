import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { resolveOverviewPeriod } from "@/lib/reports/overview-query";
import { periodReport } from "@/lib/reports/period";

/** Stint's Overview in one request: a period's totals and its sessions; `user_id`: another member's (managers and up). */
export const GET = apiRoute(ops.period, async ({ db, caller, query }) => ({
  report: await periodReport(db, caller.actor, resolveOverviewPeriod(caller.actor, query), { userId: query.user_id }),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
