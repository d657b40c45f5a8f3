import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { redeliver, serializeDelivery } from "@/lib/webhooks/service";

export const POST = apiRoute(ops.redeliverWebhookDelivery, async ({ db, caller, params }) => ({
  delivery: serializeDelivery(await redeliver(db, caller.actor, params.id, params.delivery_id)),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
