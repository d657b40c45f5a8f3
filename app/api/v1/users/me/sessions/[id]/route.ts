import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { revokeSessionOf } from "@/lib/auth/sessions";

export const DELETE = apiRoute(ops.revokeSession, async ({ db, caller, params }) => {
  await revokeSessionOf(db, { userId: caller.user.id, sessionId: caller.sessionId }, params.id);
  return { message: "Session ended" };
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
