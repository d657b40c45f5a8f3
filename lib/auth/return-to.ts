// Where sign-in returns to: a deep link opened while signed out (?next=/overview?period=month...).
// Only a path on this site is accepted, never another origin: an open redirect would let a link that
// looks like Stint's send a person, just signed in, anywhere.

const BASE = "http://stint.invalid";
const AUTH_PAGES = /^\/(sign-in|register|reset-password|forgot-password)(\/|$|\?)/;

/** A page for signing in, registering or resetting a password (a path, its query allowed). */
export const isAuthPage = (path: string): boolean => AUTH_PAGES.test(path);

/** `value` if it is a relative path on this site (not a sign-in page), else "/". */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  // "//host" and "/\host" are other origins to a browser; control characters hide such tricks.
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isAuthPage(path) ? "/" : path;
}

/** The sign-in page's address that returns to `path` afterwards. */
export function signInPath(path: string): string {
  const target = safeReturnPath(path);
  return target === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(target)}`;
}
