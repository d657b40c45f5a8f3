import { isAuthPage, signInPath } from "@/lib/auth/return-to";
import type { FieldErrors } from "@/lib/errors";

/** An error answer of the API, in its one shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What a request that got no answer says (offline, server down). */
export const UNREACHABLE = "Stint could not be reached. Check your connection and try again.";

/** Calls Stint's own /api/v1 with the browser session. Throws ApiError for any error answer. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; keepalive?: boolean; cache?: RequestCache } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      keepalive: init.keepalive,
      cache: init.cache ?? "no-store",
    });
  } catch {
    throw new ApiError(0, "network_error", UNREACHABLE);
  }
  if (res.status === 401 && typeof window !== "undefined") toSignIn(window.location);
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new ApiError(res.status, String(data.error_code ?? "error"), String(data.message ?? `Request failed (${res.status}).`), (data.errors as FieldErrors) ?? {});
  }
  return data as T;
}

/** The first message for a field of a failed request, for showing it next to that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field]?.[0] : undefined;
}

let leaving = false;
// A page restored from the back/forward cache (Back from the sign-in page) is a page again: it may leave again.
if (typeof window !== "undefined") {
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) leaving = false;
  });
}

/**
 * The session is gone (signed out in another tab, expired, revoked): to sign-in, and back to this page
 * afterwards. Not from a sign-in page: a request that left just before a sign-out is answered 401 after
 * the page has become the sign-in page, and going there again would reload it under someone typing in it
 * (and cancel whatever navigation was under way). Once per page, however many requests fail.
 */
function toSignIn(location: Pick<Location, "pathname" | "search" | "assign">): void {
  if (leaving || isAuthPage(location.pathname)) return;
  leaving = true;
  location.assign(signInPath(location.pathname + location.search));
}
