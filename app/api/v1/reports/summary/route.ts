import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { summaryReport } from "@/lib/reports/summary";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.summary, async ({ db, caller, query }) => {
  const ownerId = query.user_id ?? caller.user.id;
  if (ownerId !== caller.user.id && !caller.user.isAdmin) throw new AppError("forbidden", "Only an admin can see another user's reports.");
  return { summary: await summaryReport(db, caller.user, ownerId, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
