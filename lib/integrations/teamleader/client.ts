import { AuthExpiredError, PermanentError, RateLimitedError, TransientError, type HttpClient, type ProviderContext } from "../types";
import { baseUrlsFor } from "./hosts";
import type { TeamleaderSettings } from "./settings";

// Teamleader's dialect (contract §1, §3, §6): every call a POST with a JSON body to /<resource>.<action>,
// answers `{"data": ...}` (201 for creates, 204 for updates and deletes), errors `{"errors": [...]}`, and
// a 429 whose X-RateLimit-Reset is an ISO date (not seconds) saying when a call will succeed again.

type Json = Record<string, unknown>;

/** Teamleader refused a request; the HTTP status is kept so callers can tell "gone" from "locked". */
export class TeamleaderApiError extends PermanentError {
  constructor(
    message: string,
    scope: "entry" | "connection",
    readonly status: number,
  ) {
    super(message, scope);
    this.name = "TeamleaderApiError";
  }
}

const TIMEOUT_MS = 30_000;
/** Without a readable X-RateLimit-Reset, a 429 pauses the connection this long (contract §3: 1 s). */
export const DEFAULT_BLOCK_MS = 1_000;
export const PAGE_SIZE = 100;

/** `2021-06-15T10:51:23.035+0100` (an offset without a colon, which Date.parse may refuse) in ms from now. */
export function resetInMs(header: string | null, now = Date.now()): number | undefined {
  // Only a date-time: a bare number (which Date.parse reads as a year) is no reset time.
  if (!header || !/^\d{4}-\d\d-\d\dT/.test(header.trim())) return undefined;
  const at = Date.parse(header.trim().replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first error's title (and hint), or undefined. */
export function errorTitle(json: unknown): string | undefined {
  const first = Array.isArray((json as Json | null)?.errors) ? ((json as { errors: Json[] }).errors[0] ?? undefined) : undefined;
  if (!first) return undefined;
  const hint = (first.meta as Json | undefined)?.hint;
  const title = typeof first.title === "string" ? first.title : typeof first.detail === "string" ? first.detail : undefined;
  return title && typeof hint === "string" ? `${title} ${hint}` : title;
}

async function readJson(res: Response): Promise<Json | null | undefined> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new TransientError(`Teamleader's answer broke off: ${(e as Error).message}`);
  }
  if (!text.trim()) return null;
  try {
    const json: unknown = JSON.parse(text);
    return json && typeof json === "object" && !Array.isArray(json) ? (json as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** One API call with a given token (no refresh): connect-time calls and the body of tlRequest. */
export async function tlFetch(http: HttpClient, apiBase: string, token: string, endpoint: string, body: Json = {}): Promise<Json | null> {
  const res = await http(`${apiBase}/${endpoint}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    timeoutMs: TIMEOUT_MS,
  });
  const json = await readJson(res);
  if (res.ok) {
    if (json === undefined) throw new TransientError(`Teamleader answered ${endpoint} with a body that is not JSON.`);
    return json;
  }
  const what = errorTitle(json) ?? `HTTP ${res.status}`;
  if (res.status === 401) throw new AuthExpiredError(`Teamleader rejected the access token (${what}).`);
  if (res.status === 429) throw new RateLimitedError(`Teamleader throttled this connection (${what}).`, resetInMs(res.headers.get("x-ratelimit-reset")) ?? DEFAULT_BLOCK_MS);
  if (res.status >= 500) throw new TransientError(`Teamleader failed (${res.status}: ${what}).`);
  throw new TeamleaderApiError(`Teamleader refused ${endpoint}: ${what}`, "entry", res.status);
}

/** A call on behalf of a connection. A 401 asks the engine for a new token: it takes the one another worker
 *  stored meanwhile, or refreshes once for everyone; a freshly refreshed token refused again is a revoked
 *  grant (the engine says so). A token that expired while waiting for the rate limit is simply renewed. */
export async function tlRequest(ctx: ProviderContext<TeamleaderSettings>, endpoint: string, body: Json = {}): Promise<Json | null> {
  const api = baseUrlsFor(ctx.settings).api;
  let token = await ctx.accessToken();
  for (let attempt = 1; ; attempt++) {
    try {
      return await tlFetch(ctx.http, api, token, endpoint, body);
    } catch (e) {
      if (!(e instanceof AuthExpiredError)) throw e;
      if (attempt >= 3) throw new PermanentError("Teamleader keeps rejecting freshly refreshed access tokens (access revoked?): reconnect Teamleader Focus.", "connection");
    }
    token = await ctx.refreshedAccessToken();
  }
}

/** Every item of a list: pages of PAGE_SIZE until a short or empty page (most lists give no total). */
export async function tlList(ctx: ProviderContext<TeamleaderSettings>, endpoint: string, body: Json = {}): Promise<Json[]> {
  const all: Json[] = [];
  for (let number = 1; ; number++) {
    const answer = await tlRequest(ctx, endpoint, { ...body, page: { size: PAGE_SIZE, number } });
    const page = Array.isArray(answer?.data) ? (answer.data as Json[]) : [];
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
    if (number >= 200) throw new TransientError(`Teamleader kept returning full pages of ${endpoint} (over 20,000 items): stopped paging.`);
  }
}

export const str = (v: unknown) => (typeof v === "string" ? v : "");
export const refId = (v: unknown) => (v && typeof v === "object" && typeof (v as Json).id === "string" ? ((v as Json).id as string) : null);
