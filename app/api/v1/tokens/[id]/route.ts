import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { revokeToken } from "@/lib/tokens/service";
import { otherMethods } from "@/lib/api/other-methods";

export const DELETE = apiRoute(ops.revokeToken, async ({ db, caller, params }) => {
  await revokeToken(db, caller.actor, params.id);
  return { message: "Token revoked" };
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
