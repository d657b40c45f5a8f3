import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { verifyCredentialsLimited } from "@/lib/users/sign-in-limit";
import { SCOPES, USER_SCOPES } from "./scopes";
import { createToken, type PublicToken } from "./service";

/** For clients that sign in with a password: a new token with all of the user's scopes. */
export async function loginForToken(db: Db, input: { email: string; password: string; client?: string }, clientAddress: string): Promise<{ token: string; record: PublicToken; user: { id: number; email: string; name: string } }> {
  const user = await verifyCredentialsLimited(db, input, clientAddress);
  if (!user) throw new AppError("invalid_credentials", "Invalid username or password.");
  const { token, record } = await createToken(db, user.id, { name: input.client ? `Login: ${input.client}` : "Password login", scopes: user.isAdmin ? [...SCOPES] : USER_SCOPES });
  return { token, record, user: { id: user.id, email: user.email, name: user.name } };
}
