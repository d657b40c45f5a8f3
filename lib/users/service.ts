import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users, type User } from "@/db/schema";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { createPersonalWorkspace } from "@/lib/workspaces/personal";
import { databaseKnowsZone } from "./database-zones";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { assertStrongPassword } from "./password-strength";
import { registerSchema, signInSchema, updateSettingsSchema, type RegisterInput, type SignInInput, type UpdateSettingsInput } from "./schema";

/** A user as the rest of the app sees it: never the password hash. */
export type PublicUser = Omit<User, "passwordHash">;

export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

export async function registerUser(db: Db, input: RegisterInput, opts: { isAdmin?: boolean } = {}): Promise<PublicUser> {
  const data = parseOrThrow(registerSchema, input);
  assertStrongPassword(data.password, { email: data.email, name: data.name });
  // A zone the browser knows but the database does not falls back to UTC, as an unknown one does.
  if (data.timezone && !(await databaseKnowsZone(db, data.timezone))) data.timezone = undefined;
  const passwordHash = await hashPassword(data.password);
  try {
    // The account and its personal workspace exist together or not at all.
    const user = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          email: data.email,
          name: data.name,
          passwordHash,
          isAdmin: opts.isAdmin ?? false,
          timezone: data.timezone ?? "UTC",
          weekStart: data.weekStart ?? 1,
        })
        .returning();
      await createPersonalWorkspace(tx, created);
      return created;
    });
    return toPublicUser(user);
  } catch (error) {
    // The unique index decides, so two registrations racing for one email cannot both win.
    if (pgErrorCode(error) === "23505" && constraintName(error) === "users_email_key") {
      throw new AppError("email_taken", "An account with this email already exists.", {
        fields: { email: ["An account with this email already exists. Sign in instead?"] },
      });
    }
    throw error;
  }
}

/** The user these credentials belong to, or null. Takes as long for an unknown email as for a wrong password. */
export async function verifyCredentials(db: Db, input: SignInInput): Promise<PublicUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email)).limit(1);
  if (!user) {
    await burnPasswordCheck(parsed.data.password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, parsed.data.password)) ? toPublicUser(user) : null;
}

export async function getUserById(db: Db, id: number): Promise<PublicUser | null> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user ? toPublicUser(user) : null;
}

export async function getUserByEmailOrThrow(db: Db, email: string): Promise<PublicUser> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
  return toPublicUser(user);
}

export async function updateSettings(db: Db, userId: number, input: UpdateSettingsInput): Promise<PublicUser> {
  const data = parseOrThrow(updateSettingsSchema, input);
  if (data.timezone && !(await databaseKnowsZone(db, data.timezone))) {
    throw AppError.validation({ timezone: [`The database does not know the time zone ${data.timezone}: use an IANA name such as Europe/Berlin.`] });
  }
  if (Object.values(data).every((v) => v === undefined)) {
    const current = await getUserById(db, userId);
    if (!current) throw new AppError("not_found", "User not found.");
    return current;
  }
  const [user] = await db
    .update(users)
    .set({
      name: data.name,
      timezone: data.timezone,
      weekStart: data.week_start,
      runawayThresholdMinutes: data.runaway_threshold_minutes,
      maxEntryMinutes: data.max_entry_minutes,
      currency: data.currency,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning();
  if (!user) throw new AppError("not_found", "User not found.");
  return toPublicUser(user);
}

export function serializeUser(u: PublicUser) {
  return {
    id: u.id,
    email: u.email,
    username: u.email,
    name: u.name,
    full_name: u.name,
    is_admin: u.isAdmin,
    role: u.isAdmin ? "admin" : "user",
    timezone: u.timezone,
    week_start: u.weekStart,
    runaway_threshold_minutes: u.runawayThresholdMinutes,
    /** The longest session that can be saved (Settings → Maximum session length). */
    max_entry_minutes: u.maxEntryMinutes,
    /** ISO 4217 code of billable amounts. */
    currency: u.currency,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}
