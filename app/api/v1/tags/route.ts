import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { wantsFeed } from "@/lib/changes/feed";
import { createTag, listTagChanges, listTags } from "@/lib/tags/service";
import { otherMethods } from "@/lib/api/other-methods";

// Tags are part of time entries, so they share the time-entry scopes.
const serializeTag = (t: { id: number; name: string; entries: number }) => ({ id: t.id, name: t.name, entries: Number(t.entries) });

export const GET = apiRoute(ops.listTags, async ({ db, caller, query }) => {
  if (wantsFeed("tags", query)) {
    const feed = await listTagChanges(db, caller.actor, query);
    return { tags: feed.items.map((c) => ("deleted" in c ? c : serializeTag(c))), next_cursor: feed.next_cursor, has_more: feed.has_more };
  }
  return { tags: (await listTags(db, caller.actor)).map(serializeTag) };
});

export const POST = apiRoute(ops.createTag, async ({ db, caller, body }) => {
  const tag = await createTag(db, caller.actor, body);
  return { message: "Tag created", tag: { id: tag.id, name: tag.name, entries: 0 } };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
