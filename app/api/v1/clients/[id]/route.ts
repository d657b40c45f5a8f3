import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { deleteClient, getClientOrThrow, serializeClient, updateClient } from "@/lib/clients/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getClient, async ({ db, caller, params }) => ({
  client: serializeClient(await getClientOrThrow(db, caller.actor, params.id)),
}));

const update = (op: typeof ops.putClient | typeof ops.patchClient) =>
  apiRoute(op, async ({ db, caller, params, body }) => ({
    message: "Client updated",
    client: serializeClient(await updateClient(db, caller.actor, params.id, body)),
  }));
export const PUT = update(ops.putClient);
export const PATCH = update(ops.patchClient);

export const DELETE = apiRoute(ops.deleteClient, async ({ db, caller, params }) => {
  await deleteClient(db, caller.actor, params.id);
  return { message: "Client deleted" };
});

export const { POST } = otherMethods("GET", "PUT", "PATCH", "DELETE");
