import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { archiveProject, getProjectOrThrow, updateProject } from "@/lib/projects/service";
import { serializeProjectWithStats } from "@/lib/projects/stats";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getProject, async ({ db, caller, params }) => ({
  project: await serializeProjectWithStats(db, caller.actor, await getProjectOrThrow(db, caller.actor, params.id)),
}));

const update = (op: typeof ops.putProject | typeof ops.patchProject) =>
  apiRoute(op, async ({ db, caller, params, body }) => ({
    message: "Project updated",
    project: await serializeProjectWithStats(db, caller.actor, await updateProject(db, caller.actor, params.id, body)),
  }));
export const PUT = update(ops.putProject);
export const PATCH = update(ops.patchProject);

export const DELETE = apiRoute(ops.deleteProject, async ({ db, caller, params }) => {
  await archiveProject(db, caller.actor, params.id);
  return { message: "Project archived" };
});

export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
