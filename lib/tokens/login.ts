import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { verifyCredentialsLimited } from "@/lib/users/sign-in-limit";
import { LOGIN_TOKEN_DAYS } from "./schema";
import { membershipOf } from "@/lib/workspaces/actor";
import { mayHoldScope } from "@/lib/workspaces/policy";
import { SCOPES, type Scope } from "./scopes";
import { createToken, type PublicToken } from "./service";

/**
 * For clients that sign in with a password: a new token in the user's first workspace with the scopes their
 * role there may hold (admin:all only when asked for), or fewer if asked, expiring in 30 days unless asked otherwise.
 */
export async function loginForToken(
  db: Db,
  input: { email: string; password: string; client?: string; scopes?: Scope[]; expiresInDays?: number },
  clientAddress: string,
): Promise<{ token: string; record: PublicToken; user: { id: number; email: string; name: string } }> {
  const user = await verifyCredentialsLimited(db, input, clientAddress);
  if (!user) throw new AppError("invalid_credentials", "Invalid username or password.");
  const member = await membershipOf(db, user.id);
  const allowed: readonly Scope[] = SCOPES.filter((s) => mayHoldScope(member.role, s));
  const beyond = input.scopes?.filter((s) => !allowed.includes(s)) ?? [];
  if (beyond.length) throw AppError.validation({ scopes: [`This account cannot have ${beyond.join(", ")}.`] });
  // admin:all manages tokens and the account: a client gets it only by asking.
  const { token, record } = await createToken(db, { userId: user.id, workspaceId: member.workspaceId }, {
    name: input.client ? `Login: ${input.client}` : "Password login",
    scopes: input.scopes ?? allowed.filter((s) => s !== "admin:all"),
    expiresInDays: input.expiresInDays ?? LOGIN_TOKEN_DAYS,
  });
  return { token, record, user: { id: user.id, email: user.email, name: user.name } };
}
