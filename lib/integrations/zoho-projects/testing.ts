import { PermanentError, TransientError, type Credentials, type HttpClient, type OAuthApp, type ProviderContext } from "../types";
import { zohoProjects } from "./index";
import type { ZohoSettings } from "./settings";

// A minimal stand-in for the sync engine's ProviderContext, for tests against the fake Zoho: plain fetch
// with a timeout, and credentials kept in memory and refreshed through the provider's own refresh().

/** fetch with a timeout; a network failure or timeout becomes a TransientError (as the engine's http does). */
export const testHttp: HttpClient = async (url, init = {}) => {
  const { timeoutMs = 5_000, ...rest } = init;
  try {
    return await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    throw new TransientError(`${rest.method ?? "GET"} ${url}: ${err.name === "TimeoutError" ? "timed out" : (err.cause?.code ?? err.message)}`);
  }
};

export type TestContext = ProviderContext<ZohoSettings> & {
  credentials: Credentials;
  /** How often refreshedAccessToken() / a refresh because of expiry ran. */
  refreshes: number;
};

export function createTestContext(opts: { app: OAuthApp; settings: ZohoSettings; credentials: Credentials; http?: HttpClient }): TestContext {
  const http = opts.http ?? testHttp;
  const connect = zohoProjects.connect;
  if (connect.kind !== "oauth2") throw new Error("Zoho Projects connects with OAuth 2.");
  let pending: Promise<string> | null = null;

  const doRefresh = () =>
    (pending ??= connect
      .refresh(opts.app, ctx.credentials, ctx.settings, http)
      .then((c) => {
        ctx.credentials = c;
        ctx.refreshes += 1;
        if (!c.accessToken) throw new PermanentError("refresh() returned no access token", "connection");
        return c.accessToken;
      })
      .finally(() => (pending = null)));

  const ctx: TestContext = {
    settings: opts.settings,
    http,
    credentials: { ...opts.credentials },
    refreshes: 0,
    now: () => new Date(),
    async accessToken() {
      const c = ctx.credentials;
      if (c.accessToken && (c.accessTokenExpiresAt ?? Infinity) > Date.now() + 60_000) return c.accessToken;
      return doRefresh();
    },
    refreshedAccessToken: doRefresh,
    async remember(values) {
      Object.assign(ctx.settings, values);
    },
  };
  return ctx;
}
