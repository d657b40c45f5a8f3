import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { sendTestEvent, serializeDelivery } from "@/lib/webhooks/service";

export const POST = apiRoute(ops.testWebhook, async ({ db, caller, params }) => ({
  delivery: serializeDelivery(await sendTestEvent(db, caller.actor, params.id)),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
