import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { acceptInvitation } from "@/lib/workspaces/invitations";
import { serializeWorkspace } from "@/lib/workspaces/service";

export const POST = apiRoute(ops.acceptInvitation, async ({ db, caller, body }) => {
  const workspace = await acceptInvitation(db, { userId: caller.user.id, via: caller.via }, body);
  return { message: `You joined ${workspace.name}`, workspace: serializeWorkspace(workspace) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
