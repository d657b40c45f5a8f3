import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { listSessionsOf, revokeOtherSessionsOf } from "@/lib/auth/sessions";

const actorOf = (caller: { user: { id: number }; sessionId?: number }) => ({ userId: caller.user.id, sessionId: caller.sessionId });

export const GET = apiRoute(ops.listSessions, async ({ db, caller }) => ({ sessions: await listSessionsOf(db, actorOf(caller)) }));

export const DELETE = apiRoute(ops.revokeOtherSessions, async ({ db, caller }) => {
  const revoked = await revokeOtherSessionsOf(db, actorOf(caller));
  return { message: "Signed out everywhere else", revoked };
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
