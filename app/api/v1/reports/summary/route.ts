import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { summaryReport } from "@/lib/reports/summary";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.summary, async ({ db, caller, query }) => {
  return { summary: await summaryReport(db, caller.actor, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
