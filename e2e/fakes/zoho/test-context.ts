import { fetchWithTimeout } from "@/lib/integrations/http";
import { PermanentError, type Credentials, type HttpClient, type OAuthApp, type ProviderContext } from "@/lib/integrations/types";
import { zohoProjects, type ZohoSettings } from "@/lib/integrations/zoho-projects";

// A minimal stand-in for the sync engine's ProviderContext, for tests against the fake Zoho: the engine's fetch
// with a timeout, and credentials kept in memory and refreshed through the provider's own refresh().

/** The engine's own fetch with a timeout (network failures and timeouts become TransientError). */
export const testHttp: HttpClient = fetchWithTimeout;

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
