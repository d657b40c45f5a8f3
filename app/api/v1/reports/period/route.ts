import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { resolveOverviewPeriod } from "@/lib/reports/overview-query";
import { periodReport, periodReportRowsJson } from "@/lib/reports/period";

/** Stint's Overview in one request: a period's totals and its sessions; `user_id`: another member's (managers and up). */
export const GET = apiRoute(ops.period, async ({ db, caller, query }) => {
  const period = resolveOverviewPeriod(caller.actor, query);
  if (query.shape === "rows") {
    const text = await periodReportRowsJson(db, caller.actor, period, { userId: query.user_id });
    return new Response(text, { headers: { "Content-Type": "application/json" } });
  }
  return { report: await periodReport(db, caller.actor, period, { userId: query.user_id }) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
