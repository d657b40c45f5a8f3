import crypto from "node:crypto";
import type { Db } from "@/db";
import { hitRateLimit, type Limits } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/tokens/token";
import { shareLinkByHash } from "./queries";
import { SHARE_TOKEN_PATTERN } from "./service";

// Finding a share link and counting its views. Kept apart from share.ts (which runs reports and exports) because
// proxy.ts loads it: a share page's view is counted there, before the page renders, since only there can a
// view over the limit be answered 429 (a page cannot set its status).

/**
 * Views of one link (page and exports together): a report is a few heavy queries, and a link may leak to
 * anyone, so a link that is hammered waits (429) instead of loading the database. Counted in the shared
 * rate-limit table (lib/api/rate-limit.ts), only for links that work: a wrong token costs one indexed read.
 */
export const SHARE_VIEW_LIMITS: Limits = { perMinute: 60, perHour: 600 };

export type LiveShareLink = NonNullable<Awaited<ReturnType<typeof shareLinkByHash>>>;

/** The link behind a token with its saved report, or null if there is none or it is revoked or expired. */
export async function liveShareLink(db: Db, token: string, now: Date): Promise<LiveShareLink | null> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return null;
  const found = await shareLinkByHash(db, hashToken(token));
  if (!found || found.link.revokedAt || (found.link.expiresAt && found.link.expiresAt.getTime() <= now.getTime())) return null;
  return found;
}

/** Counts one view of a link; throws rate_limited (details.retry_after in seconds) past the limits. */
export async function countShareView(db: Db, linkId: number, limits: Limits = SHARE_VIEW_LIMITS, now: Date = new Date()): Promise<void> {
  const limited = await hitRateLimit(db, `share:link:${linkId}`, limits, now);
  if (limited.retryAfterSeconds !== null) {
    throw new AppError("rate_limited", `This link was opened too often: try again in ${limited.retryAfterSeconds} s.`, { retry_after: limited.retryAfterSeconds });
  }
}

/** The request header by which proxy.ts tells the share page that it counted the view. */
export const SHARE_VIEW_COUNTED_HEADER = "x-stint-share-view-counted";

// Its value: a secret of this server process, so that a request that reaches the page some way the proxy
// does not see (and sets any headers it likes) is counted by the page. globalThis, because the proxy and the
// pages are separate bundles (separate module instances) in one process.
const holder = globalThis as unknown as { __stintShareViewMark?: string };
const viewMark = () => (holder.__stintShareViewMark ??= crypto.randomBytes(24).toString("base64url"));

/** True if proxy.ts counted this request's view of the share page (its header carries this process's mark). */
export function isShareViewCounted(headers: Headers): boolean {
  const sent = Buffer.from(headers.get(SHARE_VIEW_COUNTED_HEADER) ?? "");
  const mark = Buffer.from(viewMark());
  return sent.length === mark.length && crypto.timingSafeEqual(sent, mark);
}

export type SharePageView = { limited: Response } | { countedHeader: [name: string, value: string] } | null;

/**
 * proxy.ts, for a view of /share/<token>: counts it. Over the limit, the 429 page to answer; counted, the
 * request header to pass to the page; null when nothing was counted: an unknown or dead token (the page
 * answers its 404), or no database (db: the process's if it is open, see proxy.ts; the proxy never opens it,
 * the embedded database must be opened once per process): the page then counts the view itself.
 */
export async function countSharePageView(db: Db | null, token: string, opts: { limits?: Limits; now?: Date } = {}): Promise<SharePageView> {
  if (!db) return null;
  const now = opts.now ?? new Date();
  const found = await liveShareLink(db, token, now);
  if (!found) return null;
  try {
    await countShareView(db, found.link.id, opts.limits, now);
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { limited: shareLimitedPage(error.message, Number(error.details.retry_after)) };
    throw error;
  }
  return { countedHeader: [SHARE_VIEW_COUNTED_HEADER, viewMark()] };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A link over its limit: a small page of its own (429 and Retry-After), as plain as the app's 404. */
function shareLimitedPage(message: string, retryAfterSeconds: number): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>Shared report</title></head>
<body style="font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1rem">
<main><p role="alert">${escapeHtml(message)}</p></main>
</body>
</html>
`;
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" },
  });
}
