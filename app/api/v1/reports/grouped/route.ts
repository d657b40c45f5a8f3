import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { exportGroupedReport } from "@/lib/reports/export/respond";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.groupedReport, async ({ db, caller, query }) => {
  if (query.format) return exportGroupedReport(db, caller.actor, { ...query, format: query.format });
  return { report: await groupedReport(db, caller.actor, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
