import { ops } from "@/lib/api/operations";
import { otherMethods } from "@/lib/api/other-methods";
import { apiRoute } from "@/lib/api/route";
import { createWorkspace, listWorkspaces, serializeWorkspace } from "@/lib/workspaces/service";

export const GET = apiRoute(ops.listWorkspaces, async ({ db, caller }) => ({
  workspaces: (await listWorkspaces(db, caller)).map(serializeWorkspace),
}));

export const POST = apiRoute(ops.createWorkspace, async ({ db, caller, body }) => ({
  message: "Workspace created",
  workspace: serializeWorkspace(await createWorkspace(db, { userId: caller.user.id }, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
