import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { createWebhook, listWebhooks, serializeWebhook } from "@/lib/webhooks/service";

export const GET = apiRoute(ops.listWebhooks, async ({ db, caller }) => ({
  webhooks: (await listWebhooks(db, caller.actor)).map(serializeWebhook),
}));

export const POST = apiRoute(ops.createWebhook, async ({ db, caller, body }) => {
  const { webhook, secret } = await createWebhook(db, caller.actor, body);
  return { webhook: serializeWebhook(webhook), secret };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
