import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { actorFor } from "@/lib/workspaces/actor";
import { deleteWorkspace, getWorkspace, serializeWorkspace, updateWorkspace } from "@/lib/workspaces/service";

export const GET = apiRoute(ops.getWorkspace, async ({ db, caller, params }) => ({
  workspace: serializeWorkspace(await getWorkspace(db, await actorFor(db, caller, params.id))),
}));

export const PATCH = apiRoute(ops.patchWorkspace, async ({ db, caller, params, body }) => ({
  message: "Workspace updated",
  workspace: serializeWorkspace(await updateWorkspace(db, await actorFor(db, caller, params.id), body)),
}));

export const DELETE = apiRoute(ops.deleteWorkspace, async ({ db, caller, params }) => {
  await deleteWorkspace(db, await actorFor(db, caller, params.id));
  return { message: "Workspace deleted" };
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
