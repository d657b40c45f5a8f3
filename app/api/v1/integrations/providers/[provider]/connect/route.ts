import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { connectWithCredentials, getIntegration, startFirstImport } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.connectIntegration, async ({ db, caller, params, body }) => {
  const connection = await connectWithCredentials(db, caller.actor, params.provider, body);
  // Projects arrive without a second call: the worker imports them next (providers that import; members who may).
  await startFirstImport(db, caller.actor, connection.id);
  const integration = await getIntegration(db, caller.actor, connection.id);
  return { message: `Connected ${integration.provider_label}: ${integration.label}.`, integration };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
