import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { getSuggestionRules, updateSuggestionRules } from "@/lib/suggestions/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.getSuggestionRules, async ({ db, caller }) => ({ rules: await getSuggestionRules(db, caller.actor) }));

export const PUT = apiRoute(ops.putSuggestionRules, async ({ db, caller, body }) => ({ message: "Rules saved.", rules: await updateSuggestionRules(db, caller.actor, body) }));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
