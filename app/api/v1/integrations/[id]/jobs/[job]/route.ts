import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { getJob, serializeJob } from "@/lib/integrations/service";

export const GET = apiRoute(ops.getIntegrationJob, async ({ db, caller, params }) => ({
  job: serializeJob(await getJob(db, caller.user.id, params.id, params.job)),
}));
