import { apiRoute, idParams } from "@/lib/api/route";
import { updateProjectSchema } from "@/lib/projects/schema";
import { archiveProject, getProjectOrThrow, serializeProject, updateProject } from "@/lib/projects/service";

export const GET = apiRoute({ scope: "read:projects", params: idParams }, async ({ db, caller, params }) => ({
  project: serializeProject(await getProjectOrThrow(db, caller.user.id, params.id)),
}));

const update = apiRoute({ scope: "write:projects", params: idParams, body: updateProjectSchema }, async ({ db, caller, params, body }) => ({
  message: "Project updated",
  project: serializeProject(await updateProject(db, caller.user.id, params.id, body)),
}));
export const PUT = update;
export const PATCH = update;

export const DELETE = apiRoute({ scope: "write:projects", params: idParams }, async ({ db, caller, params }) => {
  await archiveProject(db, caller.user.id, params.id);
  return { message: "Project archived" };
});
