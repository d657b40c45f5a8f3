import { PermanentError, RateLimitedError, TransientError, type HttpClient, type ProviderContext } from "../types";
import { retryAfterMs } from "@/lib/delivery/backoff";
import type { AlpSettings } from "./settings";

// ALP's dialect (contract "Conventions"): Bearer key, JSON both ways, {"data", "meta"} pages of at most
// 100, errors {"error": {"code", "message"}} turned into the engine's errors.

/** ALP answered an error about this request (400, 403, 404, 409): kept with status and code for callers. */
export class AlpApiError extends PermanentError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message, "entry");
    this.name = "AlpApiError";
  }
}

export type AlpRequest = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
};
export type AlpTarget = { http: HttpClient; url: string; apiKey: string };
type Json = Record<string, unknown>;

const TIMEOUT_MS = 30_000;
/** Without a Retry-After, a 429 pauses the connection for the contract's window: a minute. */
const DEFAULT_BLOCK_MS = 60_000;
export const PER_PAGE = 100;

export async function alpFetch(target: AlpTarget, req: AlpRequest): Promise<{ status: number; json: Json | null }> {
  const url = new URL(target.url + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Authorization: `Bearer ${target.apiKey}`, Accept: "application/json", ...req.headers };
  if (req.body) headers["Content-Type"] = "application/json; charset=utf-8";
  const res = await target.http(url.toString(), { method: req.method ?? "GET", headers, body: req.body ? JSON.stringify(req.body) : undefined, timeoutMs: TIMEOUT_MS });
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new TransientError(`ALP's answer broke off: ${(e as Error).message}`);
  }
  const json = parseJson(text);
  if (res.ok) {
    if (res.status !== 204 && json === undefined) throw new TransientError(`ALP answered ${res.status} with a body that is not JSON.`);
    return { status: res.status, json: json ?? null };
  }
  const { code, message } = errorOf(json);
  const what = message ?? `HTTP ${res.status}`;
  if (res.status === 401) throw new PermanentError(`ALP refused the API key (${what}): connect ALP again with a valid key.`, "connection");
  if (res.status === 429) throw new RateLimitedError(`ALP throttled this key (${what}).`, retryAfterMs(res) ?? DEFAULT_BLOCK_MS);
  if (res.status >= 500) throw new TransientError(`ALP failed (${res.status}: ${what}).`, retryAfterMs(res));
  throw new AlpApiError(`ALP rejected the request (${res.status}${code ? ` ${code}` : ""}): ${what}`, res.status, code);
}

export const targetOf = async (ctx: ProviderContext<AlpSettings>): Promise<AlpTarget> => ({ http: ctx.http, url: ctx.settings.url, apiKey: await ctx.accessToken() });

/** Every item of a list, page by page. */
export async function alpList(target: AlpTarget, path: string, query: Record<string, string> = {}): Promise<Json[]> {
  const all: Json[] = [];
  for (let page = 1; ; page++) {
    const { json } = await alpFetch(target, { path, query: { ...query, page, per_page: PER_PAGE } });
    const data = json?.data;
    if (!Array.isArray(data)) throw new TransientError(`ALP answered ${path} without a "data" list.`);
    all.push(...(data as Json[]));
    const total = Number((json?.meta as Json | undefined)?.total);
    if (data.length < PER_PAGE || (Number.isFinite(total) && all.length >= total)) return all;
    if (page >= 500) throw new TransientError(`ALP kept returning full pages of ${path} (over 50,000 items): stopped paging.`);
  }
}

/** An ALP id as a string (ids are opaque; numeric-looking ones may come as numbers). */
export function idOf(v: unknown): string | null {
  return typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;
}

function parseJson(text: string): Json | undefined {
  if (!text.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(json: Json | undefined): { code: string | null; message: string | null } {
  const e = json?.error;
  if (!e || typeof e !== "object") return { code: null, message: null };
  const { code, message } = e as Json;
  return { code: typeof code === "string" ? code : null, message: typeof message === "string" ? message : null };
}
