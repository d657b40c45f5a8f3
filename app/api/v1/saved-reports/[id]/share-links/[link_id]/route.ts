import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { revokeShareLink } from "@/lib/reports/saved/service";

export const DELETE = apiRoute(ops.revokeShareLink, async ({ db, caller, params }) => {
  await revokeShareLink(db, caller.actor, params.id, params.link_id);
  return { message: "Share link revoked" };
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
