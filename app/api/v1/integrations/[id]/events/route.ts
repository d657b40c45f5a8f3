import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { integrationEvents, serializeEvent } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.integrationEvents, async ({ db, caller, params, query }) => ({
  events: (await integrationEvents(db, caller.actor, params.id, query.limit)).map(serializeEvent),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
