import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { wantsFeed } from "@/lib/changes/feed";
import { createClient, listClientChanges, listClients, serializeClient } from "@/lib/clients/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listClients, async ({ db, caller, query }) => {
  if (wantsFeed("clients", query)) {
    const feed = await listClientChanges(db, caller.actor, query);
    return { clients: feed.items.map((c) => ("deleted" in c ? c : serializeClient(c))), next_cursor: feed.next_cursor, has_more: feed.has_more };
  }
  const { items, total } = await listClients(db, caller.actor, query);
  return { clients: items.map(serializeClient), pagination: pagination(total, query) };
});

export const POST = apiRoute(ops.createClient, async ({ db, caller, body }) => ({
  message: "Client created",
  client: serializeClient(await createClient(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
