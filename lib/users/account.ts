import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, idempotencyKeys, users } from "@/db/schema";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema, type ChangeEmailInput, type ChangePasswordInput, type DeleteAccountInput } from "./schema";
import { hitRateLimit, peekRateLimit } from "@/lib/api/rate-limit";
import { assertStrongPassword } from "./password-strength";
import { SIGN_IN_LIMITS, TooManySignIns } from "./sign-in-limit";
import { toPublicUser, type PublicUser } from "./service";

// Changes a person makes to their own account from Settings. Each needs the current password: a
// browser left signed in must not be enough to take the account over (or to delete it).

export type AccountActor = { userId: number; sessionId?: number };

const wrongPassword = () => AppError.validation({ current_password: ["That is not your current password."] }, "That is not your current password.");

async function checkCurrentPassword(db: Db, userId: number, password: string): Promise<typeof users.$inferSelect> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError("not_found", "User not found.");
  // Wrong guesses are counted per account (as failed sign-ins are per account and address): a browser left
  // signed in cannot be used to guess the password faster than the sign-in page allows.
  const bucket = `password-check:user:${userId}`;
  const retryAfter = await peekRateLimit(db, bucket, SIGN_IN_LIMITS.perAccountAndAddress);
  if (retryAfter !== null) throw new TooManySignIns(retryAfter);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await hitRateLimit(db, bucket, SIGN_IN_LIMITS.perAccountAndAddress);
    throw wrongPassword();
  }
  return user;
}

/** A new password; every other session of the account ends (this browser stays signed in). */
export async function changePassword(db: Db, actor: AccountActor, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
  const data = parseOrThrow(changePasswordSchema, input);
  const user = await checkCurrentPassword(db, actor.userId, data.current_password);
  if (data.new_password.toLowerCase() === user.email) throw AppError.validation({ new_password: ["Your password must not be your email address."] });
  assertStrongPassword(data.new_password, { email: user.email, name: user.name }, "new_password");
  const passwordHash = await hashPassword(data.new_password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    return { endedSessions: await revokeAllSessions(tx, actor.userId, { exceptId: actor.sessionId }) };
  });
}

export async function changeEmail(db: Db, actor: AccountActor, input: ChangeEmailInput): Promise<PublicUser> {
  const data = parseOrThrow(changeEmailSchema, input);
  await checkCurrentPassword(db, actor.userId, data.current_password);
  try {
    const [user] = await db.update(users).set({ email: data.email, updatedAt: new Date() }).where(eq(users.id, actor.userId)).returning();
    return toPublicUser(user);
  } catch (error) {
    // The unique index decides, also when two accounts race for one address.
    if (pgErrorCode(error) === "23505" && constraintName(error) === "users_email_key") {
      throw AppError.validation({ email: ["Another account uses this email address."] }, "Another account uses this email address.");
    }
    throw error;
  }
}

/** Deletes the account and everything in it (entries, projects, tokens, sessions, connections). */
export async function deleteAccount(db: Db, actor: AccountActor, input: DeleteAccountInput): Promise<void> {
  const data = parseOrThrow(deleteAccountSchema, input);
  const user = await checkCurrentPassword(db, actor.userId, data.current_password);
  if (data.email !== user.email) throw AppError.validation({ email: ["Type the email address of this account, exactly."] });
  await db.transaction(async (tx) => {
    // Idempotency records name their owner in text ("user:1", "token:7"), without a foreign key.
    const tokens = await tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, user.id));
    const owners = [`user:${user.id}`, ...tokens.map((t) => `token:${t.id}`)];
    await tx.delete(idempotencyKeys).where(inArray(idempotencyKeys.owner, owners));
    // Everything else the user owns references the user with ON DELETE CASCADE.
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
