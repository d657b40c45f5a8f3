import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeJob, startImport } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.importIntegration, async ({ db, caller, params, body }) => {
  const job = await startImport(db, caller.actor, params.id, undefined, body);
  return { message: job.status === "running" ? "An import is already running." : "Import queued.", job: serializeJob(job) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
