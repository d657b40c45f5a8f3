import type { AppError } from "@/lib/errors";
import type { ConnectReasons } from "./types";

// Why connecting in the browser failed, as a code in the redirect to Settings → Integrations
// (`?error=<code>`). The page shows only these texts: a link anyone can craft must not put words of
// their choosing on Stint's page ("Call support at ..."). The connection itself, once saved, shows the
// provider's own reason in its card. A provider may word the settings and refusal texts for its own
// settings (Provider.reasons); the page takes them from the provider named in the redirect.

export const CONNECT_ERRORS = {
  settings: "Some connection settings are not valid: check them, then connect again.",
  not_found: "That provider or connection does not exist.",
  oauth_state: "This connection was not started here, took too long, or the browser lost its cookie: start again.",
  not_configured: "This provider is not set up on this server: the administrator must set its client id and secret.",
  provider_refused:
    "The provider refused the connection or could not be reached: check the settings, then connect again (the CLI's integrations connect shows the provider's reason).",
} as const;

export type ConnectErrorCode = keyof typeof CONNECT_ERRORS;

const GENERIC = "Something went wrong while connecting: try again.";

/** The code for an error of the connect or callback route (an AppError's `reason`, else by its code). */
export function connectErrorCode(error: AppError): ConnectErrorCode | "failed" {
  const reason = error.details.reason;
  if (typeof reason === "string" && Object.hasOwn(CONNECT_ERRORS, reason)) return reason as ConnectErrorCode;
  if (error.code === "validation_error") return "settings";
  if (error.code === "not_found") return "not_found";
  return "failed";
}

/** The text for a code from the URL: the provider's wording or the known one's, or a generic one for anything else. */
export function connectErrorText(code: string | undefined, reasons: ConnectReasons = {}): string | null {
  if (code === undefined) return null;
  if (!Object.hasOwn(CONNECT_ERRORS, code)) return GENERIC;
  return (Object.hasOwn(reasons, code) ? reasons[code as keyof ConnectReasons] : undefined) ?? CONNECT_ERRORS[code as ConnectErrorCode];
}
