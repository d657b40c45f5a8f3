import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { wantsFeed } from "@/lib/changes/feed";
import { listEntryChanges } from "@/lib/entries/changes";
import { serializeEntry } from "@/lib/entries/serialize";
import { createEntry, listEntries } from "@/lib/entries/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listEntries, async ({ db, caller, query }) => {
  const now = new Date();
  if (wantsFeed("time_entries", query)) {
    const feed = await listEntryChanges(db, caller.actor, query);
    return { time_entries: feed.items.map((c) => ("deleted" in c ? c : serializeEntry(c, now))), next_cursor: feed.next_cursor, has_more: feed.has_more };
  }
  const { items, total, page, nextCursor } = await listEntries(db, caller.actor, query, now);
  return { time_entries: items.map((row) => serializeEntry(row, now)), pagination: pagination(total, { page, per_page: query.per_page }), next_cursor: nextCursor };
});

export const POST = apiRoute(ops.createEntry, async ({ db, caller, body }) => {
  const entry = await createEntry(db, caller.actor, body, { source: caller.via === "token" ? "api" : "manual" });
  return { message: entry.entry.endAt ? "Time entry created" : "Timer started", time_entry: serializeEntry(entry) };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
