import { apiRoute, created } from "@/lib/api/route";
import { createTagSchema } from "@/lib/tags/schema";
import { createTag, listTags } from "@/lib/tags/service";

// Tags are part of time entries, so they share the time-entry scopes.
export const GET = apiRoute({ scope: "read:time_entries" }, async ({ db, caller }) => ({
  tags: (await listTags(db, caller.user.id)).map((t) => ({ id: t.id, name: t.name, entries: Number(t.entries) })),
}));

export const POST = apiRoute({ scope: "write:time_entries", body: createTagSchema }, async ({ db, caller, body }) => {
  const tag = await createTag(db, caller.user.id, body);
  return created({ message: "Tag created", tag: { id: tag.id, name: tag.name, entries: 0 } });
});
