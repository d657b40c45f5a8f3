import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { rotateWebhookSecret, serializeWebhook } from "@/lib/webhooks/service";

export const POST = apiRoute(ops.rotateWebhookSecret, async ({ db, caller, params }) => {
  const { webhook, secret } = await rotateWebhookSecret(db, caller.actor, params.id);
  return { webhook: serializeWebhook(webhook), secret };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
