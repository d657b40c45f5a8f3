import { env, publicUrl } from "@/lib/env";

// Whether and how Stint sends mail, apart from the mailer so that pages can ask without loading nodemailer.
// Without STINT_SMTP_URL Stint sends nothing, and people ask their admin for a link (`stint user reset-password`).

export type MailSettings = { url: string; from: string; timeoutMs: number };

/** The SMTP settings from the environment, or null when Stint is not configured to send mail. */
export function mailSettings(): MailSettings | null {
  const { STINT_SMTP_URL, STINT_MAIL_FROM, STINT_HTTP_TIMEOUT_MS } = env();
  if (!STINT_SMTP_URL) return null;
  return { url: STINT_SMTP_URL, from: STINT_MAIL_FROM ?? `Stint <stint@${new URL(publicUrl()).hostname}>`, timeoutMs: STINT_HTTP_TIMEOUT_MS };
}

export function canSendMail(): boolean {
  return mailSettings() !== null;
}
