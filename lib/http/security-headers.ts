import crypto from "node:crypto";
import { env } from "@/lib/env";
import { THEME_SCRIPT } from "./theme-script";

// The headers that keep Stint's pages from running injected script, being framed by other sites
// (clickjacking) or having their responses sniffed into another type, and that keep API answers out
// of caches. Pages get them from proxy.ts, /api/docs from its route, the API from lib/api/respond.ts.

/** A fresh, unguessable value for one response's CSP (Next adds it to its own scripts and styles). */
export const newNonce = () => crypto.randomBytes(16).toString("base64");

const themeScriptHash = `'sha256-${crypto.createHash("sha256").update(THEME_SCRIPT).digest("base64")}'`;

const COMMON = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY", // frame-ancestors for browsers without CSP level 2
} as const;

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");

/**
 * The app's pages: scripts only with this response's nonce (and what they load: 'strict-dynamic'), or
 * the theme script by its hash. Style attributes stay allowed: components set colours and widths
 * with them. No form-action: the integrations' connect form is redirected to the provider's sign-in,
 * which form-action would block.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  // React's development build evaluates code to rebuild server stacks; production needs no eval.
  const devEval = env().NODE_ENV === "development" ? " 'unsafe-eval'" : "";
  return policy({
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic' ${themeScriptHash}${devEval}`,
    "style-src": `'self' 'nonce-${nonce}'`,
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' blob: data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
  });
}

/** Swagger UI at /api/docs: its bundle and stylesheet from Stint, its start-up script and style by nonce. */
export function docsContentSecurityPolicy(nonce: string): string {
  return policy({
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}'`,
    "style-src": `'self' 'nonce-${nonce}'`,
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
  });
}

/** Sets the headers every HTML page of Stint carries, with its content security policy. */
export function setPageSecurityHeaders(headers: Headers, csp: string): void {
  headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(COMMON)) headers.set(name, value);
}

/**
 * API answers hold one person's data: never stored by a browser or a shared cache (unless the route
 * says otherwise, as the public OpenAPI document does), and never sniffed into HTML.
 */
export function setApiSecurityHeaders(headers: Headers): void {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", COMMON["Referrer-Policy"]);
}
