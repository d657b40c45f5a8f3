import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { passwordResets, users } from "@/db/schema";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { AppError, parseOrThrow } from "@/lib/errors";
import { hashPassword } from "./password";
import { assertStrongPassword } from "./password-strength";
import { resetPasswordSchema, type ResetPasswordInput } from "./schema";

// Password reset without email: `stint user reset-password` prints a link, or (with SMTP settings)
// "Forgot password?" mails it. The link's token is 256 random bits; only its SHA-256 is stored, it
// works once, for an hour, and using it ends every session of the account.

export const RESET_LINK_VALID_MS = 60 * 60 * 1000;
const hashOf = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The address of the page that sets a new password with `token`. */
export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
}

/** A new one-time reset token for the account with this email, or null if there is none. */
export async function createPasswordReset(db: Db, email: string, now: Date = new Date()): Promise<{ token: string; expiresAt: Date; userId: number } | null> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user) return null;
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_VALID_MS);
  await db.insert(passwordResets).values({ userId: user.id, tokenHash: hashOf(token), expiresAt });
  return { token, expiresAt, userId: user.id };
}

const INVALID = "This reset link is invalid, used or expired. Ask for a new one.";
const invalidLink = () => AppError.validation({ token: [INVALID] }, INVALID);

/** Sets the new password if the token is live, uses the token up and ends every session. */
export async function resetPassword(db: Db, input: ResetPasswordInput, now: Date = new Date()): Promise<{ email: string }> {
  const data = parseOrThrow(resetPasswordSchema, input);
  assertStrongPassword(data.password);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    // Used up by the same statement that checks it: two requests with one link cannot both succeed.
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashOf(data.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!reset) throw invalidLink();
    const [user] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, reset.userId)).returning({ email: users.email });
    // Every other link of the account is spent too: the password they were asked for is set.
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await revokeAllSessions(tx, reset.userId);
    return { email: user.email };
  });
}
