import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { verifyCredentialsLimited } from "@/lib/users/sign-in-limit";
import { LOGIN_TOKEN_DAYS } from "./schema";
import { SCOPES, USER_SCOPES, type Scope } from "./scopes";
import { createToken, type PublicToken } from "./service";

/** For clients that sign in with a password: a new token with the user's scopes (or fewer, if asked), expiring in 30 days unless asked otherwise. */
export async function loginForToken(
  db: Db,
  input: { email: string; password: string; client?: string; scopes?: Scope[]; expiresInDays?: number },
  clientAddress: string,
): Promise<{ token: string; record: PublicToken; user: { id: number; email: string; name: string } }> {
  const user = await verifyCredentialsLimited(db, input, clientAddress);
  if (!user) throw new AppError("invalid_credentials", "Invalid username or password.");
  const allowed: readonly Scope[] = user.isAdmin ? SCOPES : USER_SCOPES;
  const beyond = input.scopes?.filter((s) => !allowed.includes(s)) ?? [];
  if (beyond.length) throw AppError.validation({ scopes: [`This account cannot have ${beyond.join(", ")}.`] });
  const { token, record } = await createToken(db, user.id, {
    name: input.client ? `Login: ${input.client}` : "Password login",
    scopes: input.scopes ?? [...allowed],
    expiresInDays: input.expiresInDays ?? LOGIN_TOKEN_DAYS,
  });
  return { token, record, user: { id: user.id, email: user.email, name: user.name } };
}
