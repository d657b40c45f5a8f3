import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { actorFor } from "@/lib/workspaces/actor";
import { createInvitation, listInvitations, serializeInvitation } from "@/lib/workspaces/invitations";

export const POST = apiRoute(ops.createInvitation, async ({ db, caller, params, body }) => {
  const { invitation, url } = await createInvitation(db, await actorFor(db, caller, params.id), body);
  return { message: `Invitation created: send the link to ${invitation.email}. It is shown only now.`, invitation: { ...serializeInvitation(invitation), url } };
});

export const GET = apiRoute(ops.listInvitations, async ({ db, caller, params }) => ({
  invitations: (await listInvitations(db, await actorFor(db, caller, params.id))).map(serializeInvitation),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
