import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { availableProviders, listIntegrations } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listIntegrations, async ({ db, caller }) => ({
  integrations: await listIntegrations(db, caller.actor),
  providers: availableProviders(),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
