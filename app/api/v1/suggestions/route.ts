import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { listSuggestions, serializeSuggestion } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listSuggestions, async ({ db, caller, query }) => {
  const { items, total, page, per_page } = await listSuggestions(db, caller.actor, query);
  return { suggestions: items.map(serializeSuggestion), pagination: pagination(total, { page, per_page }) };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
