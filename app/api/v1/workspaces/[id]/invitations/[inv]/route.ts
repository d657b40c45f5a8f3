import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { actorFor } from "@/lib/workspaces/actor";
import { revokeInvitation } from "@/lib/workspaces/invitations";

export const DELETE = apiRoute(ops.revokeInvitation, async ({ db, caller, params }) => {
  await revokeInvitation(db, await actorFor(db, caller, params.id), params.inv);
  return { message: "Invitation withdrawn" };
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
