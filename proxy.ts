import { NextResponse, type NextRequest } from "next/server";
import { malformedPathResponse, malformedSegment } from "@/lib/api/malformed-path";
import { signInPath } from "@/lib/auth/return-to";

// Signed out, a deep link (a bookmarked month of the Overview) goes to sign-in with the link to return
// to. Only the session cookie's presence is checked here, which is cheap: the pages still check the
// session itself (an expired or forged cookie ends on the plain sign-in page).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest) {
  const bad = malformedSegment(request.nextUrl.pathname);
  if (bad !== null) return malformedPathResponse(request.nextUrl.pathname, bad);
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
  const here = request.nextUrl.clone();
  here.searchParams.delete("_rsc"); // Next's marker of a client-side navigation, not part of the link
  const target = new URL(signInPath(`${here.pathname}${here.search}`), here);
  return NextResponse.redirect(target);
}

export const config = {
  // The app's pages: not the API (it answers 401 itself), sign-in, register and the password reset pages, Next's files, the
  // icons and metadata files Next generates (served without an extension), or any file.
  // And any API path with a percent sign, to answer the ones that do not decode (the API's other
  // requests do not pay for the proxy).
  matcher: ["/((?!api/|_next/|sign-in|register|reset-password|forgot-password|favicon|icon|apple-icon|manifest|robots|sitemap|opengraph-image|.*\\.[a-z0-9]+$).*)", "/api/:path(.*%.*)"],
};
