import { apiRoute, idParams } from "@/lib/api/route";
import { updateClientSchema } from "@/lib/clients/schema";
import { deleteClient, getClientOrThrow, serializeClient, updateClient } from "@/lib/clients/service";

export const GET = apiRoute({ scope: "read:clients", params: idParams }, async ({ db, caller, params }) => ({
  client: serializeClient(await getClientOrThrow(db, caller.user.id, params.id)),
}));

const update = apiRoute({ scope: "write:clients", params: idParams, body: updateClientSchema }, async ({ db, caller, params, body }) => ({
  message: "Client updated",
  client: serializeClient(await updateClient(db, caller.user.id, params.id, body)),
}));
export const PUT = update;
export const PATCH = update;

export const DELETE = apiRoute({ scope: "write:clients", params: idParams }, async ({ db, caller, params }) => {
  await deleteClient(db, caller.user.id, params.id);
  return { message: "Client deleted" };
});
