import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { ownerIdFor } from "@/lib/auth/policy";
import { summaryReport } from "@/lib/reports/summary";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.summary, async ({ db, caller, query }) => {
  const ownerId = ownerIdFor(caller, query.user_id, "see another user's reports");
  return { summary: await summaryReport(db, caller.user, ownerId, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
