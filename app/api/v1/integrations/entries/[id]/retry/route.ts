import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { retryEntrySync } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.retryEntrySync, async ({ db, caller, params }) => {
  await retryEntrySync(db, caller.actor, params.id);
  return { message: "The entry will be pushed again shortly." };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
