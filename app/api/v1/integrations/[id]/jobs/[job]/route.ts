import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { getJob, serializeJob } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getIntegrationJob, async ({ db, caller, params }) => ({
  job: serializeJob(await getJob(db, caller.actor, params.id, params.job)),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
