import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { ignoreSuggestion, serializeSuggestion } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.ignoreSuggestion, async ({ db, caller, params }) => ({ message: "Suggestion ignored", suggestion: serializeSuggestion(await ignoreSuggestion(db, caller.actor, params.id)) }));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
