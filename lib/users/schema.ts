import { z } from "zod";
import { numeric } from "@/lib/api/fields";

// Passwords people most often pick (and that every breach list starts with).
const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789",
  "1234567890", "11111111", "00000000", "qwertyuiop", "qwerty123", "iloveyou", "sunshine1",
  "letmein1", "welcome1", "welcome123", "football", "baseball", "abc12345", "abcd1234",
  "trustno1", "superman", "princess", "starwars", "admin123", "changeme", "11223344",
  "88888888", "87654321", "asdfghjkl", "zaq12wsx", "1q2w3e4r", "q1w2e3r4", "qwertyui",
]);

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const passwordSchema = z
  .string({ error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.")
  .refine((p) => new Set(p).size >= 4, "This password is too easy to guess: use more different characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This is one of the most common passwords: choose another.");

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, "Unknown time zone: use an IANA name such as Europe/Berlin.");

export const nameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.");

export const registerSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    // Detected by the browser at registration; an unknown or missing zone falls back to UTC.
    timezone: timezoneSchema.optional().catch(undefined),
    weekStart: z.coerce.number().int().min(0).max(6).optional().catch(undefined),
  })
  .refine((v) => v.password.toLowerCase() !== v.email, {
    path: ["password"],
    message: "Your password must not be your email address.",
  });
export type RegisterInput = z.input<typeof registerSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});
export type SignInInput = z.input<typeof signInSchema>;

export const updateSettingsSchema = z.object({
  name: nameSchema.optional(),
  timezone: timezoneSchema.optional(),
  week_start: numeric(z.number({ error: "Pick a day of the week." }).int("Pick a day of the week.").min(0, "Pick a day of the week.").max(6, "Pick a day of the week.")).optional(),
  /** After how many minutes a running timer asks "Still working?". */
  runaway_threshold_minutes: numeric(
    z
      .number({ error: "Enter a number of minutes." })
      .int("Enter whole minutes.")
      .min(15, "Use at least 15 minutes.")
      .max(7 * 24 * 60, "Use at most a week."),
  )
    .optional(),
});
export type UpdateSettingsInput = z.input<typeof updateSettingsSchema>;

const currentPasswordSchema = z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200);

/** Settings → Account: a new password, proven by the current one. */
export const changePasswordSchema = z
  .object({ current_password: currentPasswordSchema, new_password: passwordSchema })
  .refine((v) => v.new_password !== v.current_password, { path: ["new_password"], message: "Choose a password different from the current one." });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const changeEmailSchema = z.object({ email: emailSchema, current_password: currentPasswordSchema });
export type ChangeEmailInput = z.input<typeof changeEmailSchema>;

/** Deleting the account: the email typed again and the password, so that it is never a slip. */
export const deleteAccountSchema = z.object({
  email: z.string({ error: "Type your email address to confirm." }).trim().toLowerCase().max(254),
  current_password: currentPasswordSchema,
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

/** "Forgot password?" on the sign-in page (only when Stint can send mail). */
export const forgotPasswordSchema = z.object({ email: emailSchema });

/** /reset-password: the link's token and the new password. */
export const resetPasswordSchema = z.object({
  token: z.string().trim().min(1, "This reset link is incomplete: open the whole link.").max(200),
  password: passwordSchema,
});
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
