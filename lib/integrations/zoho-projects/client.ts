import { AuthExpiredError, PermanentError, RateLimitedError, TransientError, type HttpClient, type ProviderContext } from "../types";
import { retryAfterMs } from "@/lib/delivery/backoff";
import { baseUrlsFor } from "./hosts";
import type { ZohoSettings } from "./settings";

// The classic REST API's dialect (contract §3, §5): Zoho-oauthtoken header, form-encoded writes, 204 for
// empty lists, index/range paging, and Zoho's status codes turned into the engine's errors.

/** Zoho answered an error; a PermanentError with the HTTP status and Zoho's code kept for callers. */
export class ZohoApiError extends PermanentError {
  constructor(
    message: string,
    scope: "entry" | "connection",
    readonly status: number,
    readonly code?: number | string,
  ) {
    super(message, scope);
    this.name = "ZohoApiError";
  }
}

export const DEFAULT_BLOCK_MS = 30 * 60 * 1000;
export const PAGE_SIZE = 200;
const TIMEOUT_MS = 30_000;

export type ZohoRequest = {
  method?: "GET" | "POST" | "DELETE";
  /** Path below the API host, e.g. `/restapi/portals/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | undefined>;
};

type Json = Record<string, unknown>;

/** One request with a given token (no refresh): connect-time calls and the body of zohoRequest. */
export async function zohoFetch(http: HttpClient, apiBase: string, token: string, req: ZohoRequest): Promise<Json | null> {
  const url = new URL(apiBase + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Authorization: `Zoho-oauthtoken ${token}`, Accept: "application/json" };
  let body: string | undefined;
  if (req.form) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) if (v !== undefined) form.set(k, v);
    body = form.toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  }
  const res = await http(url.toString(), { method: req.method ?? "GET", headers, body, timeoutMs: TIMEOUT_MS });
  const text = await readText(res);
  if (res.status === 204) return null;
  const json = text.trim() ? parseZohoJson(text) : null;

  if (res.ok) {
    if (json === undefined) throw new TransientError(`Zoho Projects answered ${res.status} with a body that is not JSON.`);
    if (json && "error" in json) throw errorFromBody(res.status, json);
    return json;
  }
  const what = zohoMessage(json) ?? `HTTP ${res.status}`;
  if (res.status === 401) throw new AuthExpiredError(`Zoho Projects rejected the access token (${what}).`);
  if (res.status === 429) {
    throw new RateLimitedError(`Zoho Projects throttled this connection (${what}).`, retryAfterMs(res) ?? DEFAULT_BLOCK_MS);
  }
  if (res.status >= 500) throw new TransientError(`Zoho Projects failed (${res.status}: ${what}).`, retryAfterMs(res));
  if (res.status === 403) {
    throw new ZohoApiError(`Zoho Projects refused access (${what}): reconnect Zoho Projects and grant every permission it asks for.`, "connection", 403, zohoCode(json));
  }
  throw new ZohoApiError(`Zoho Projects rejected the request: ${what}`, "entry", res.status, zohoCode(json));
}

/** A request on behalf of a connection: on a 401 the engine refreshes the token once and we retry once. */
export async function zohoRequest(ctx: ProviderContext<ZohoSettings>, req: ZohoRequest): Promise<Json | null> {
  const api = baseUrlsFor(ctx.settings).api;
  try {
    return await zohoFetch(ctx.http, api, await ctx.accessToken(), req);
  } catch (e) {
    if (!(e instanceof AuthExpiredError)) throw e;
  }
  const fresh = await ctx.refreshedAccessToken();
  try {
    return await zohoFetch(ctx.http, api, fresh, req);
  } catch (e) {
    if (e instanceof AuthExpiredError) {
      throw new PermanentError(
        "Zoho Projects rejects even a freshly refreshed access token (wrong data centre or revoked access): reconnect Zoho Projects.",
        "connection",
      );
    }
    throw e;
  }
}

/** Every item of a paged list: index/range of 200 until a short page or a 204. */
export async function zohoList<T>(ctx: ProviderContext<ZohoSettings>, req: ZohoRequest, items: (body: Json) => T[]): Promise<T[]> {
  const all: T[] = [];
  for (let index = 1; ; index += PAGE_SIZE) {
    const body = await zohoRequest(ctx, { ...req, query: { ...req.query, index, range: PAGE_SIZE } });
    if (body === null) break;
    const page = items(body);
    all.push(...page);
    if (page.length < PAGE_SIZE) break;
    if (index > 100 * PAGE_SIZE) throw new TransientError("Zoho Projects kept returning full pages (over 20,000 items): stopped paging.");
  }
  return all;
}

/** The string form of a Zoho id: `id_string`, else `id` (kept exact by parseZohoJson). */
export function idOf(o: unknown): string | null {
  if (!o || typeof o !== "object") return null;
  const r = o as Json;
  const v = r.id_string ?? r.id;
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

export function errorFromBody(status: number, json: Json): ZohoApiError {
  const what = zohoMessage(json) ?? "unknown error";
  const code = zohoCode(json);
  if (code === 6401) return new ZohoApiError(`Zoho Projects rejected the access token (${what}): reconnect Zoho Projects.`, "connection", status, code);
  return new ZohoApiError(`Zoho Projects rejected the request: ${what}`, "entry", status, code);
}

function zohoMessage(json: Json | null | undefined): string | undefined {
  const err = json?.error;
  if (typeof err === "string") return err;
  if (err && typeof err === "object") {
    const e = err as Json;
    const details = Array.isArray(e.details) ? (e.details[0] as Json | undefined)?.message : undefined;
    const m = e.message ?? details ?? e.title;
    if (typeof m === "string") return m;
  }
  return undefined;
}

function zohoCode(json: Json | null | undefined): number | string | undefined {
  const err = json?.error;
  if (err && typeof err === "object") {
    const c = (err as Json).code;
    if (typeof c === "string" && /^\d+$/.test(c)) return Number(c);
    if (typeof c === "number" || typeof c === "string") return c;
  }
  return undefined;
}

async function readText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    throw new TransientError(`Zoho Projects' answer broke off: ${(e as Error).message}`);
  }
}

/**
 * JSON.parse that keeps integers beyond 2^53 exact by reading them as strings: Zoho's `id` fields (and
 * nested ones without an `id_string`, e.g. a log's `task.id`) exceed the safe range. Returns undefined
 * for text that is not JSON.
 */
export function parseZohoJson(text: string): Json | undefined {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const num = text.slice(i, j);
      if (/^-?\d{16,}$/.test(num) && !Number.isSafeInteger(Number(num))) {
        out += `${text.slice(last, i)}"${num}"`;
        last = j;
      }
      i = j - 1;
    }
  }
  try {
    const parsed: unknown = JSON.parse(out + text.slice(last));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}
