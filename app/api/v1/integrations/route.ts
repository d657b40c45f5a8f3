import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { availableProviders, listIntegrations } from "@/lib/integrations/service";

export const GET = apiRoute(ops.listIntegrations, async ({ db, caller }) => ({
  integrations: await listIntegrations(db, caller.user.id),
  providers: availableProviders(),
}));
