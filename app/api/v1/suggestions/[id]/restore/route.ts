import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { restoreSuggestion, serializeSuggestion } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.restoreSuggestion, async ({ db, caller, params }) => ({ message: "Suggestion restored", suggestion: serializeSuggestion(await restoreSuggestion(db, caller.actor, params.id)) }));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
