import { apiRoute, idParams } from "@/lib/api/route";
import { renameTagSchema } from "@/lib/tags/schema";
import { deleteTag, renameTag } from "@/lib/tags/service";

const rename = apiRoute({ scope: "write:time_entries", params: idParams, body: renameTagSchema }, async ({ db, caller, params, body }) => {
  const tag = await renameTag(db, caller.user.id, params.id, body);
  return { message: "Tag renamed", tag: { id: tag.id, name: tag.name } };
});
export const PUT = rename;
export const PATCH = rename;

export const DELETE = apiRoute({ scope: "write:time_entries", params: idParams }, async ({ db, caller, params }) => {
  await deleteTag(db, caller.user.id, params.id);
  return { message: "Tag deleted" };
});
