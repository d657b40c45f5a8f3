import { NextResponse, type NextRequest } from "next/server";
import { malformedPathResponse, malformedSegment } from "@/lib/api/malformed-path";
import { errorResponse } from "@/lib/api/respond";
import { signInPath } from "@/lib/auth/return-to";
import { AppError } from "@/lib/errors";
import { CROSS_ORIGIN_MESSAGE, isSafeMethod, isSameOriginRequest } from "@/lib/http/same-origin";
import { newNonce, pageContentSecurityPolicy, setPageSecurityHeaders } from "@/lib/http/security-headers";

// Signed out, a deep link (a bookmarked month of the Overview) goes to sign-in with the link to return
// to. Only the session cookie's presence is checked here, which is cheap: the pages still check the
// session itself (an expired or forged cookie ends on the plain sign-in page).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
// /invite/<token>: a workspace invitation, opened by people who may have no account yet.
// /share/<token>: a saved report's read-only link (and its /export), for people without an account.
const PUBLIC_PAGES = /^\/(sign-in|register|reset-password|forgot-password|invite|share)(\/|$)/;
const SHARE_PAGES = /^\/share\//;
// The share page itself (not its /export, which counts its own views).
const SHARE_PAGE = /^\/share\/([^/]+)\/?$/;

function signedOutRedirect(request: NextRequest): NextResponse | null {
  if (PUBLIC_PAGES.test(request.nextUrl.pathname)) return null;
  if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return null;
  const here = request.nextUrl.clone();
  here.searchParams.delete("_rsc"); // Next's marker of a client-side navigation, not part of the link
  return NextResponse.redirect(new URL(signInPath(`${here.pathname}${here.search}`), here));
}

/**
 * A view of a share page: counted here, where a view over the link's limit can be answered 429 (the page
 * cannot set its status). A page load and a fetch by Next's router count alike: Next strips its router's
 * headers (RSC, prefetch) before the proxy, and nothing in Stint links or prefetches a share page.
 */
async function shareViewOf(request: NextRequest) {
  const token = SHARE_PAGE.exec(request.nextUrl.pathname)?.[1];
  if (!token || (request.method !== "GET" && request.method !== "HEAD")) return null;
  // Loaded only here: the other paths never load the database's code.
  const [{ openedDb }, { countSharePageView }] = await Promise.all([import("@/db"), import("@/lib/reports/saved/share-view")]);
  // Only a database this process has open (instrumentation.ts opens it at start): the proxy shares the pages'
  // process and globalThis (next start requires it in-process), but must never be the one to open it.
  // Anything unexpected (the database is down): the page counts the view, and reports the error as it does.
  return countSharePageView(openedDb(), decodeURIComponent(token)).catch(() => null);
}

export async function proxy(request: NextRequest) {
  // Next's router answers a path that does not percent-decode with a plain-text 500: answer it first.
  const bad = malformedSegment(request.nextUrl.pathname);
  if (bad !== null) return malformedPathResponse(request.nextUrl.pathname, bad);
  // API paths come here only for that check: the API wrapper does its own auth and headers.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  // A write to a page is a server action (sign-out, the sign-in form): only from Stint's own pages.
  if (!isSafeMethod(request.method) && !isSameOriginRequest(request)) return errorResponse(new AppError("forbidden", CROSS_ORIGIN_MESSAGE));
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const csp = pageContentSecurityPolicy(newNonce());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const shareView = await shareViewOf(request);
  if (shareView && "countedHeader" in shareView) requestHeaders.set(...shareView.countedHeader);
  const response = shareView && "limited" in shareView ? shareView.limited : (signedOutRedirect(request) ?? NextResponse.next({ request: { headers: requestHeaders } }));
  setPageSecurityHeaders(response.headers, csp);
  if (SHARE_PAGES.test(request.nextUrl.pathname)) {
    // The token is in the address: no Referer carries it to another site, and no search engine keeps it.
    response.headers.set("Referrer-Policy", "no-referrer");
    response.headers.set("X-Robots-Tag", "noindex, nofollow");
  }
  return response;
}

export const config = {
  // The app's pages: not the API (it answers 401 itself, and sets its own headers), Next's files, the
  // icons and metadata files Next generates (served without an extension), or any file. And any API path
  // with a percent sign, to answer the ones that do not decode (the API's other requests skip the proxy).
  matcher: ["/((?!api/|_next/|favicon|icon|apple-icon|manifest|robots|sitemap|opengraph-image|.*\\.[a-z0-9]+$).*)", "/api/:path(.*%.*)"],
};
