import type { NextRequest } from "next/server";

// Shared by the OAuth connect and callback routes (not a route itself: no route.ts here).

/** The sealed OAuth attempt (state, user, provider, settings); only the callback routes can read it. */
export const OAUTH_COOKIE = "stint_oauth";

export function oauthCookieOptions(origin: string, maxAge: number) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/api/integrations", maxAge, secure: origin.startsWith("https:") };
}

/** The origin the browser used (the Host header), so the redirect URI and the cookie's host match. */
export function requestOrigin(request: NextRequest): string {
  const host = request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  return host ? `${proto}://${host}` : request.nextUrl.origin;
}

export function settingsPage(origin: string, query: Record<string, string>): URL {
  const url = new URL("/settings/integrations", origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}
