import { ops } from "@/lib/api/operations";
import { pagination } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { listDeliveries, serializeDelivery } from "@/lib/webhooks/service";

export const GET = apiRoute(ops.listWebhookDeliveries, async ({ db, caller, params, query }) => {
  const { deliveries, total } = await listDeliveries(db, caller.actor, params.id, query);
  return { deliveries: deliveries.map(serializeDelivery), pagination: pagination(total, query) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
