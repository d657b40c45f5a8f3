import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { disconnectIntegration, getIntegration, updateIntegration } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getIntegration, async ({ db, caller, params }) => ({
  integration: await getIntegration(db, caller.actor, params.id),
}));

export const PATCH = apiRoute(ops.updateIntegration, async ({ db, caller, params, body }) => {
  const integration = await updateIntegration(db, caller.actor, params.id, body);
  const message = body.routing || !body.work_types ? `${integration.label} now receives ${integration.routing.rule.replace("_", " ")} entries.` : `Work types of ${integration.label} saved.`;
  return { message, integration };
});

export const DELETE = apiRoute(ops.disconnectIntegration, async ({ db, caller, params }) => {
  await disconnectIntegration(db, caller.actor, params.id);
  return { message: "Integration disconnected. Its projects, tasks and time entries stay, as local ones." };
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
