import { env } from "@/lib/env";

// A browser sends the session cookie with any request to Stint, also one a foreign page makes it send
// (a form posted from another site, an old browser's cross-site request). A write that rides on the
// cookie must therefore prove it comes from Stint's own pages: browsers send `Origin` with every
// POST/PUT/PATCH/DELETE they make, and `Sec-Fetch-Site` where a privacy setting drops Origin. A write
// with neither is not from a browser page of ours, so it is refused too (scripts use API tokens).

/** Methods that change nothing: not checked. */
export const isSafeMethod = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

/** The origins Stint is reached at for this request: its URL, its Host (as a proxy forwarded it), and STINT_PUBLIC_URL. */
function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() || url.protocol.replace(/:$/, "");
  const origins = new Set([url.origin]);
  for (const host of [request.headers.get("x-forwarded-host")?.split(",")[0].trim(), request.headers.get("host")]) {
    if (host) origins.add(`${proto}://${host}`);
  }
  const publicUrl = env().STINT_PUBLIC_URL;
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  return origins;
}

/** Whether a request comes from a page of Stint itself (same origin), judged as a browser reports it. */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get("origin");
  // "null" (a sandboxed frame, a redirect across sites) is never ours.
  if (origin !== null) return ownOrigins(request).has(origin);
  const site = request.headers.get("sec-fetch-site");
  // "none": the person typed the address or used a bookmark.
  return site === "same-origin" || site === "none";
}

export const CROSS_ORIGIN_MESSAGE =
  "This request did not come from Stint's own pages: a signed-in browser may only change data from Stint itself. Scripts and other sites authenticate with an API token.";
