import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { deleteWebhook, getWebhookOrThrow, serializeWebhook, updateWebhook } from "@/lib/webhooks/service";

export const GET = apiRoute(ops.getWebhook, async ({ db, caller, params }) => ({
  webhook: serializeWebhook(await getWebhookOrThrow(db, caller.actor, params.id)),
}));

export const PATCH = apiRoute(ops.patchWebhook, async ({ db, caller, params, body }) => ({
  message: "Webhook updated",
  webhook: serializeWebhook(await updateWebhook(db, caller.actor, params.id, body)),
}));

export const DELETE = apiRoute(ops.deleteWebhook, async ({ db, caller, params }) => {
  await deleteWebhook(db, caller.actor, params.id);
  return { message: "Webhook deleted, with its deliveries." };
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
