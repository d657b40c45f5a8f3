import { z } from "zod";
import { numeric } from "@/lib/api/fields";
import { isKnownCurrency } from "./currencies";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

// Length only: how guessable a password is (common and breached passwords, names, patterns) is judged
// on the server by lib/users/password-strength.ts, whose dictionaries must not reach the browser.
export const passwordSchema = z
  .string({ error: "Choose a password." })
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

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

/** 7 days: also what the database allows. */
export const MAX_ENTRY_MINUTES = 7 * 24 * 60;

export const currencySchema = z
  .string({ error: "Pick a currency." })
  .trim()
  .toUpperCase()
  .refine(isKnownCurrency, "Use a three-letter currency code (ISO 4217), such as EUR, USD or GBP.");

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
  /** The longest session the user may save (timer stop, manual add, edit, API): 1 hour to 7 days. */
  max_entry_minutes: numeric(
    z
      .number({ error: "Enter a number of hours." })
      .int("Enter whole minutes.")
      .min(60, "Use at least 1 hour.")
      .max(MAX_ENTRY_MINUTES, "Use at most 168 hours (7 days)."),
  )
    .optional()
    .describe("The longest session that can be saved, in minutes: 60 to 10080 (7 days); 1440 (24 h) by default"),
  /** ISO 4217 code in which billable amounts are shown, e.g. EUR. */
  currency: currencySchema.optional().describe("ISO 4217 code in which billable amounts are shown, e.g. EUR (any case)"),
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
export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** /reset-password: the link's token and the new password. */
export const resetPasswordSchema = z.object({
  token: z.string().trim().min(1, "This reset link is incomplete: open the whole link.").max(200),
  password: passwordSchema,
});
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
