import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { deleteSavedReport, getSavedReportOrThrow, serializeSavedReport, updateSavedReport } from "@/lib/reports/saved/service";

export const GET = apiRoute(ops.getSavedReport, async ({ db, caller, params }) => ({
  saved_report: serializeSavedReport(await getSavedReportOrThrow(db, caller.actor, params.id)),
}));

export const PATCH = apiRoute(ops.patchSavedReport, async ({ db, caller, params, body }) => ({
  message: "Saved report updated",
  saved_report: serializeSavedReport(await updateSavedReport(db, caller.actor, params.id, body)),
}));

export const DELETE = apiRoute(ops.deleteSavedReport, async ({ db, caller, params }) => {
  await deleteSavedReport(db, caller.actor, params.id);
  return { message: "Saved report deleted" };
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
