import { z } from "zod";
import { numeric } from "@/lib/api/fields";

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
