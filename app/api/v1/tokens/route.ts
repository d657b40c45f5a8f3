import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { createTokenFor, listTokens, serializeToken } from "@/lib/tokens/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listTokens, async ({ db, caller }) => ({
  tokens: (await listTokens(db, caller.actor)).map(serializeToken),
}));

export const POST = apiRoute(ops.createToken, async ({ db, caller, body }) => {
  const { token, record } = await createTokenFor(db, caller, body);
  return { message: "Token created. It is shown only this once.", token, api_token: serializeToken(record) };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
