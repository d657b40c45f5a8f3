import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { assertMayActForEmail, ownerIdFor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { createToken, listTokens, serializeToken } from "@/lib/tokens/service";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listTokens, async ({ db, caller }) => ({
  tokens: (await listTokens(db, caller.user.id)).map(serializeToken),
}));

export const POST = apiRoute(ops.createToken, async ({ db, caller, body }) => {
  const { user_id, user_email, expires_in_days, ...input } = body;
  const what = "create a token for another user";
  // The right first, then the lookup: whether an email has an account is not for everyone to learn.
  if (user_email) assertMayActForEmail(caller, user_email, what);
  const ownerId = user_email ? (await getUserByEmailOrThrow(db, user_email).catch(() => {
    throw AppError.validation({ user_email: ["No user with this email."] });
  })).id : ownerIdFor(caller, user_id, what);
  const { token, record } = await createToken(db, ownerId, { ...input, expiresInDays: input.expiresInDays ?? expires_in_days });
  return { message: "Token created. It is shown only this once.", token, api_token: serializeToken(record) };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
