import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { createSavedReport, listSavedReports, serializeSavedReport } from "@/lib/reports/saved/service";

export const GET = apiRoute(ops.listSavedReports, async ({ db, caller }) => ({
  saved_reports: (await listSavedReports(db, caller.actor)).map(serializeSavedReport),
}));

export const POST = apiRoute(ops.createSavedReport, async ({ db, caller, body }) => ({
  message: "Report saved",
  saved_report: serializeSavedReport(await createSavedReport(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
