import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { actorFor } from "@/lib/workspaces/actor";
import { removeMember, serializeMember, updateMember } from "@/lib/workspaces/members";

export const PATCH = apiRoute(ops.patchMember, async ({ db, caller, params, body }) => ({
  message: "Member updated",
  member: serializeMember(await updateMember(db, await actorFor(db, caller, params.id), params.user_id, body)),
}));

export const DELETE = apiRoute(ops.deleteMember, async ({ db, caller, params }) => {
  await removeMember(db, await actorFor(db, caller, params.id), params.user_id);
  return { message: params.user_id === caller.user.id ? "You left the workspace" : "Member removed" };
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
