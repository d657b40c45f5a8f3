import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { connectWithRefreshToken, serializeConnection } from "@/lib/integrations/service";

export const POST = apiRoute(ops.connectIntegration, async ({ db, caller, params, body }) => {
  const connection = await connectWithRefreshToken(db, caller.user.id, params.provider, body);
  const integration = serializeConnection(connection);
  return { message: `Connected ${integration.provider_label}: ${integration.label}.`, integration };
});
