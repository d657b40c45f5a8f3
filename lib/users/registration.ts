import crypto from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { registrationInvites, users } from "@/db/schema";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { pendingInvitationEmail } from "@/lib/workspaces/invitations";
import { assertStrongPassword } from "./password-strength";
import { emailSchema, registerSchema, type RegisterInput } from "./schema";
import { registerUser, type PublicUser } from "./service";

// Who may create an account: the first one on a fresh install always (it becomes the admin); after
// that STINT_REGISTRATION decides: open, invite (a one-time link from `stint user invite`), or closed
// (an admin creates accounts with `stint user create`). Whatever the mode, a pending workspace invitation
// (lib/workspaces/invitations.ts) admits the address it was made for: the team invited them.

const INVITE_DAYS = 7;
/** Registrations per client address: enough for a household or an office, not for a bot. */
export const REGISTRATION_LIMITS = { perMinute: 5, perHour: 20 };
/** Registrations take turns, so that two racing for an empty install cannot both become the admin. */
const REGISTRATION_LOCK = 72_657_001;

const hashInvite = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type RegistrationGate =
  | { allowed: true; first: boolean; inviteEmail?: string }
  | { allowed: false; reason: "closed" | "invite_needed" | "invite_invalid"; message: string };

const MESSAGES = {
  closed: "Registration is closed. Ask the administrator of this Stint for an account.",
  invite_needed: "Registration is by invitation. Ask the administrator of this Stint for an invitation link.",
  invite_invalid: "This invitation link is not valid: it has expired (links last 7 days) or has been used. Ask for a new one.",
} as const;

async function hasUsers(db: Db): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).limit(1)).length > 0;
}

async function findInvite(db: Db, token: string) {
  const [invite] = await db
    .select()
    .from(registrationInvites)
    .where(and(eq(registrationInvites.tokenHash, hashInvite(token)), isNull(registrationInvites.usedAt), gt(registrationInvites.expiresAt, new Date())))
    .limit(1);
  return invite ?? null;
}

/** Whether the register page may offer its form (to this invitation link, if any), and if not, why. */
export async function registrationGate(db: Db, invite?: string, opts: { invitation?: string } = {}): Promise<RegistrationGate> {
  if (!(await hasUsers(db))) return { allowed: true, first: true };
  const invitedTo = opts.invitation ? await pendingInvitationEmail(db, opts.invitation) : null;
  if (invitedTo) return { allowed: true, first: false, inviteEmail: invitedTo };
  const mode = env().STINT_REGISTRATION;
  if (mode === "open") return { allowed: true, first: false };
  if (mode === "closed") return { allowed: false, reason: "closed", message: MESSAGES.closed };
  if (!invite) return { allowed: false, reason: "invite_needed", message: MESSAGES.invite_needed };
  const found = await findInvite(db, invite);
  return found ? { allowed: true, first: false, inviteEmail: found.email } : { allowed: false, reason: "invite_invalid", message: MESSAGES.invite_invalid };
}

/** Self-registration from the register page: the mode, the invitation, the per-address limit, a strong password. */
export async function registerAccount(db: Db, input: RegisterInput, opts: { invite?: string; invitation?: string; clientAddress: string }): Promise<PublicUser> {
  const data = parseOrThrow(registerSchema, input);
  assertStrongPassword(data.password, { email: data.email, name: data.name });
  const limited = await hitRateLimit(db, `register:address:${opts.clientAddress}`, REGISTRATION_LIMITS);
  if (limited.retryAfterSeconds !== null) {
    throw new AppError("rate_limited", `Too many registrations from your network. Try again in ${Math.ceil(limited.retryAfterSeconds / 60)} min.`, {
      retry_after: limited.retryAfterSeconds,
    });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK})`);
    const first = !(await hasUsers(tx));
    if (!first && !(await invitedToWorkspace(tx, data.email, opts.invitation))) await admit(tx, data.email, opts.invite);
    return registerUser(tx, input, { isAdmin: first });
  });
}

/** Whether a workspace invitation admits this registration: pending, and for this address (else a field error
 *  naming the address, as for registration invites). It is used up only when the new account joins. */
async function invitedToWorkspace(tx: Db, email: string, invitation: string | undefined): Promise<boolean> {
  if (!invitation) return false;
  const invitedEmail = await pendingInvitationEmail(tx, invitation);
  if (!invitedEmail) return false;
  if (invitedEmail !== email) throw AppError.validation({ email: [`This invitation is for ${invitedEmail}: register with that address.`] });
  return true;
}

/** Refuses a registration the mode does not allow; uses up its invitation (undone if the registration fails). */
async function admit(tx: Db, email: string, invite: string | undefined): Promise<void> {
  const mode = env().STINT_REGISTRATION;
  if (mode === "open") return;
  if (mode === "closed") throw new AppError("forbidden", MESSAGES.closed);
  if (!invite) throw new AppError("forbidden", MESSAGES.invite_needed);
  const found = await findInvite(tx, invite);
  if (!found) throw new AppError("forbidden", MESSAGES.invite_invalid);
  if (found.email !== email) {
    throw AppError.validation({ email: [`This invitation is for ${found.email}: register with that address.`] });
  }
  const used = await tx
    .update(registrationInvites)
    .set({ usedAt: new Date() })
    .where(and(eq(registrationInvites.id, found.id), isNull(registrationInvites.usedAt)))
    .returning({ id: registrationInvites.id });
  if (!used.length) throw new AppError("forbidden", MESSAGES.invite_invalid);
}

/** A one-time registration link for `email`, valid 7 days. The secret is returned once; only its hash is kept. */
export async function createRegistrationInvite(db: Db, input: { email: string }): Promise<{ token: string; path: string; email: string; expiresAt: Date }> {
  const email = parseOrThrow(emailSchema, input.email);
  const token = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
  await db.insert(registrationInvites).values({ email, tokenHash: hashInvite(token), expiresAt });
  return { token, path: `/register?invite=${token}`, email, expiresAt };
}
