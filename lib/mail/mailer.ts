import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { mailSettings, type MailSettings } from "./settings";

// Stint's outgoing mail (today: password reset links), through the SMTP server of STINT_SMTP_URL.

export type MailMessage = { to: string; subject: string; text: string; html: string };
export type Mailer = { send(message: MailMessage): Promise<void> };

/** A mailer over SMTP. Every wait (connect, greeting, each reply) is capped, so a dead server fails soon. */
export function createMailer(settings: MailSettings): Mailer {
  // SMTPTransport itself, not createTransport({ url, ... }): createTransport keeps only what the URL says
  // and drops the other options (the timeouts). nodemailer
  // options in the URL's query still apply.
  const smtp = new SMTPTransport({
    url: settings.url,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    // nodemailer's own logger would print the conversation, credentials included.
    logger: false,
    debug: false,
  });
  const transport = nodemailer.createTransport(smtp);
  return {
    async send(message) {
      await transport.sendMail({ from: settings.from, ...message });
    },
  };
}

const cache = globalThis as unknown as { __stintMailer?: { url: string; mailer: Mailer } };

/** The mailer of this server (one per process: Next evaluates modules several times), or null without SMTP. */
export function mailerFromEnv(): Mailer | null {
  const settings = mailSettings();
  if (!settings) return null;
  if (cache.__stintMailer?.url !== settings.url) cache.__stintMailer = { url: settings.url, mailer: createMailer(settings) };
  return cache.__stintMailer.mailer;
}
