import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { revokeToken } from "@/lib/tokens/service";

export const DELETE = apiRoute(ops.revokeToken, async ({ db, caller, params }) => {
  await revokeToken(db, caller.user.id, params.id);
  return { message: "Token revoked" };
});
