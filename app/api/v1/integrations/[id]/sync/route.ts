import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeJob, startSync } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.syncIntegration, async ({ db, caller, params }) => {
  const job = await startSync(db, caller.actor, params.id);
  return { message: job.status === "running" ? "A sync is already running." : "Sync queued.", job: serializeJob(job) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
