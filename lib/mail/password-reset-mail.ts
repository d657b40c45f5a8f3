import type { MailMessage } from "./mailer";

// The mail "Forgot password?" sends: plain text first (what many self-hosters read), and the same in
// simple HTML. It names the Stint it comes from, since one person may use several.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function passwordResetMail(opts: { to: string; link: string; instanceUrl: string; validMinutes: number }): MailMessage {
  const validity = opts.validMinutes === 60 ? "1 hour" : `${opts.validMinutes} minutes`;
  const lines = [
    `Someone (we hope you) asked to reset the password of the Stint account ${opts.to} at ${opts.instanceUrl}.`,
    "",
    `Set a new password with this link. It works once, for ${validity}:`,
    "",
    opts.link,
    "",
    "Setting it signs the account out on every device.",
    "If you did not ask for this, ignore this mail: your password stays as it is.",
  ];
  const html = [
    "<!doctype html>",
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Someone (we hope you) asked to reset the password of the Stint account ${escapeHtml(opts.to)} at <a href="${escapeHtml(opts.instanceUrl)}">${escapeHtml(opts.instanceUrl)}</a>.</p>`,
    `<p><a href="${escapeHtml(opts.link)}">Set a new password</a>. The link works once, for ${validity}.</p>`,
    "<p>Setting it signs the account out on every device.<br>If you did not ask for this, ignore this mail: your password stays as it is.</p>",
    "</body></html>",
  ];
  return { to: opts.to, subject: "Reset your Stint password", text: lines.join("\n"), html: html.join("\n") };
}
