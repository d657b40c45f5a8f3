import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { acceptSuggestion } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.acceptSuggestion, async ({ db, caller, params, body }) => {
  const entry = await acceptSuggestion(db, caller.actor, params.id, body);
  return { message: "Suggestion accepted", time_entry: serializeEntry(entry) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
