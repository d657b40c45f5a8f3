import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { detailedReport } from "@/lib/reports/builder/detailed";
import { exportDetailedReport } from "@/lib/reports/export/respond";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.detailedReport, async ({ db, caller, query }) => {
  if (query.format) return exportDetailedReport(db, caller.actor, { ...query, format: query.format });
  return { report: await detailedReport(db, caller.actor, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
