import { pagination } from "@/lib/api/pagination";
import { apiRoute, created } from "@/lib/api/route";
import { createClientSchema, listClientsQuery } from "@/lib/clients/schema";
import { createClient, listClients, serializeClient } from "@/lib/clients/service";

export const GET = apiRoute({ scope: "read:clients", query: listClientsQuery }, async ({ db, caller, query }) => {
  const { items, total } = await listClients(db, caller.user.id, query);
  return { clients: items.map(serializeClient), pagination: pagination(total, query) };
});

export const POST = apiRoute({ scope: "write:clients", body: createClientSchema }, async ({ db, caller, body }) =>
  created({ message: "Client created", client: serializeClient(await createClient(db, caller.user.id, body)) }),
);
