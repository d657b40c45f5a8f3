import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { createToken, listTokens, serializeToken } from "@/lib/tokens/service";

export const GET = apiRoute(ops.listTokens, async ({ db, caller }) => ({
  tokens: (await listTokens(db, caller.user.id)).map(serializeToken),
}));

export const POST = apiRoute(ops.createToken, async ({ db, caller, body }) => {
  const { user_id, expires_in_days, ...input } = body;
  const ownerId = user_id ?? caller.user.id;
  if (ownerId !== caller.user.id && !caller.user.isAdmin) throw new AppError("forbidden", "Only an admin can create a token for another user.");
  const { token, record } = await createToken(db, ownerId, { ...input, expiresInDays: input.expiresInDays ?? expires_in_days });
  return { message: "Token created. It is shown only this once.", token, api_token: serializeToken(record) };
});
