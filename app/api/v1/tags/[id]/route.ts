import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { deleteTag, renameTag } from "@/lib/tags/service";
import { otherMethods } from "@/lib/api/other-methods";

const rename = (op: typeof ops.putTag | typeof ops.patchTag) =>
  apiRoute(op, async ({ db, caller, params, body }) => {
    const tag = await renameTag(db, caller.actor, params.id, body);
    return { message: "Tag renamed", tag: { id: tag.id, name: tag.name, entries: tag.entries } };
  });
export const PUT = rename(ops.putTag);
export const PATCH = rename(ops.patchTag);

export const DELETE = apiRoute(ops.deleteTag, async ({ db, caller, params }) => {
  await deleteTag(db, caller.actor, params.id);
  return { message: "Tag deleted" };
});

export const { GET, POST } = otherMethods("PUT", "PATCH", "DELETE");
