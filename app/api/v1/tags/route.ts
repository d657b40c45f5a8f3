import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { createTag, listTags } from "@/lib/tags/service";
import { otherMethods } from "@/lib/api/other-methods";

// Tags are part of time entries, so they share the time-entry scopes.
export const GET = apiRoute(ops.listTags, async ({ db, caller }) => ({
  tags: (await listTags(db, caller.actor)).map((t) => ({ id: t.id, name: t.name, entries: Number(t.entries) })),
}));

export const POST = apiRoute(ops.createTag, async ({ db, caller, body }) => {
  const tag = await createTag(db, caller.actor, body);
  return { message: "Tag created", tag: { id: tag.id, name: tag.name, entries: 0 } };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
