import type { Db } from "@/db";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { AppError, errorForLog, parseOrThrow } from "@/lib/errors";
import type { Mailer } from "@/lib/mail/mailer";
import { passwordResetMail } from "@/lib/mail/password-reset-mail";
import { mailFailureReason } from "@/lib/mail/send-error";
import { createPasswordReset, RESET_LINK_VALID_MS, resetLink } from "./password-reset";
import { forgotPasswordSchema, type ForgotPasswordInput } from "./schema";

// "Forgot password?" (only when Stint can send mail). The page must not tell who has an account: the
// answer is the same sentence for every address, and it is given before Stint looks the address up.
// What the request waits for (parsing, the two limit counters) is the same work for every address; the
// look-up, the new link and the SMTP conversation run after the answer has gone (`later`). So neither
// the words nor the time of the answer depend on the account, and a slow or dead mail server neither
// delays the page nor fails it.

/** Counted on every request, known address or not (so a refusal tells nothing either). */
export const FORGOT_PASSWORD_LIMITS = {
  // One network cannot mail-bomb many people or probe at speed.
  perAddress: { perMinute: 5, perHour: 30 },
  // One person's inbox is not flooded, from however many networks.
  perEmail: { perMinute: 3, perHour: 10 },
};

export const FORGOT_PASSWORD_ANSWER = "If an account exists for that address, we sent a link to set a new password. It works once, for 1 hour.";

export type ResetDelivery = "sent" | "no-account" | "failed";

type Options = {
  clientAddress: string;
  /** Where people reach this Stint: the mail's link and the instance it names (never the request's Host). */
  publicUrl: string;
  /** Runs the delivery once the answer is sent (Next's `after`). */
  later: (task: () => Promise<unknown>) => void;
  now?: Date;
};

function tooMany(seconds: number): AppError {
  const wait = seconds <= 60 ? "a minute" : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError("rate_limited", `Too many password reset requests. Wait ${wait} and try again.`, { retry_after: seconds });
}

/** Checks the input and the limits, then schedules the mail; the caller answers FORGOT_PASSWORD_ANSWER. */
export async function requestPasswordReset(db: Db, mailer: Mailer | null, input: ForgotPasswordInput, opts: Options): Promise<void> {
  if (!mailer) throw new AppError("bad_request", "This Stint cannot send mail. Ask your admin for a reset link (stint user reset-password).");
  const { email } = parseOrThrow(forgotPasswordSchema, input);
  const now = opts.now ?? new Date();
  const states = await Promise.all([
    hitRateLimit(db, `forgot-password:address:${opts.clientAddress}`, FORGOT_PASSWORD_LIMITS.perAddress, now),
    hitRateLimit(db, `forgot-password:email:${email}`, FORGOT_PASSWORD_LIMITS.perEmail, now),
  ]);
  const wait = Math.max(0, ...states.map((s) => s.retryAfterSeconds ?? 0));
  if (wait > 0) throw tooMany(wait);
  opts.later(() => mailPasswordReset(db, mailer, email, { publicUrl: opts.publicUrl, now }));
}

/**
 * Creates a link for the account of `email`, if there is one, and mails it. Never throws: it runs after
 * the answer, where an error could only crash or be lost. A failure is logged in one line, without the
 * address, the link or anything of the SMTP settings.
 */
export async function mailPasswordReset(db: Db, mailer: Mailer, email: string, opts: { publicUrl: string; now?: Date }): Promise<ResetDelivery> {
  let reset: Awaited<ReturnType<typeof createPasswordReset>>;
  try {
    reset = await createPasswordReset(db, email, opts.now);
  } catch (error) {
    console.error(`Password reset mail not sent: ${errorForLog(error).split("\n")[0]}`);
    return "failed";
  }
  if (!reset) return "no-account";
  const publicUrl = opts.publicUrl.replace(/\/+$/, "");
  try {
    await mailer.send(passwordResetMail({ to: email, link: resetLink(publicUrl, reset.token), instanceUrl: publicUrl, validMinutes: RESET_LINK_VALID_MS / 60_000 }));
    return "sent";
  } catch (error) {
    console.error(`Password reset mail not sent: ${mailFailureReason(error)}`);
    return "failed";
  }
}
