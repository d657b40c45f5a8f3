import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { entrySyncStates } from "@/lib/integrations/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.entrySyncStates, async ({ db, caller, query }) => ({
  entries: await entrySyncStates(db, caller.actor, query.entry_ids),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
