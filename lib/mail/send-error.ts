// Why a mail was not sent, in one line fit for the log: nodemailer's error code, the SMTP command and
// the server's reply code. Never the error's message or the server's reply text, which can quote the
// recipient or the login, and never the connection URL, which holds the SMTP password.

type SmtpFailure = { code?: unknown; command?: unknown; responseCode?: unknown; cause?: unknown };

const word = (v: unknown) => (typeof v === "string" && /^[A-Za-z0-9 _.-]{1,40}$/.test(v) ? v : undefined);

export function mailFailureReason(error: unknown): string {
  const e = (error ?? {}) as SmtpFailure;
  const cause = (e.cause ?? {}) as SmtpFailure;
  const parts = [
    word(e.code) ?? word(cause.code) ?? "unknown error",
    word(e.command) && `during ${word(e.command)}`,
    typeof e.responseCode === "number" && `server replied ${e.responseCode}`,
  ].filter(Boolean);
  return parts.join(", ");
}
