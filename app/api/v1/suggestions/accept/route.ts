import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { acceptSuggestions } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.acceptSuggestions, async ({ db, caller, body }) => {
  const entries = await acceptSuggestions(db, caller.actor, body);
  return { message: `Accepted ${entries.length} suggestions.`, time_entries: entries.map((e) => serializeEntry(e)) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
