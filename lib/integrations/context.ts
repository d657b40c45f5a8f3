import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, type IntegrationConnection } from "@/db/schema";
import { currentAccessToken, refreshCredentials } from "./credentials";
import { fetchWithTimeout } from "./http";
import { takeToken } from "@/lib/delivery/token-bucket";
import { PermanentError, TransientError, type HttpClient, type Provider, type ProviderContext } from "./types";

/** The longest a call waits in place for its turn; a longer wait reschedules the work instead. */
const MAX_WAIT_MS = 5_000;

/** What a provider gets for one piece of work on one connection. */
export function providerContext(db: Db, connection: IntegrationConnection, provider: Provider): ProviderContext<never> {
  let version = connection.credentialsVersion;
  // When the token of this context's last refresh expires: refused before then, the grant itself is gone.
  let refreshedUntil: number | null = null;
  const settings = { ...connection.settings };
  const http: HttpClient = async (url, init) => {
    const turn = await takeToken(db, { table: "integration_connections", id: connection.id }, provider.rateLimit, { maxWaitMs: MAX_WAIT_MS });
    if (!turn.taken) throw new TransientError(turn.gone ? "The connection is gone." : `Waiting for the rate limit (${Math.ceil(turn.waitMs / 1000)} s).`, turn.gone ? undefined : turn.waitMs);
    return fetchWithTimeout(url, init);
  };
  return {
    settings: settings as never,
    http,
    async accessToken() {
      const current = await currentAccessToken(db, connection.id, provider);
      version = current.version;
      return current.token;
    },
    async refreshedAccessToken() {
      // A token refused right after a refresh is not an expiry any more: the grant itself is gone. One that
      // lived out its life meanwhile (short-lived tokens, a long wait for the rate limit) is just expired.
      if (refreshedUntil !== null && Date.now() < refreshedUntil) throw new PermanentError("The provider refused a freshly refreshed token: reconnect.", "connection");
      // Another worker may have refreshed since this token was read: then its token is taken, not a new refresh.
      const current = await refreshCredentials(db, connection.id, provider, version);
      version = current.version;
      refreshedUntil = current.expiresAt ?? Infinity;
      return current.token;
    },
    now: () => new Date(),
    async remember(values) {
      Object.assign(settings, values);
      await db
        .update(integrationConnections)
        .set({ settings: sql`${integrationConnections.settings} || ${JSON.stringify(values)}::jsonb` })
        .where(eq(integrationConnections.id, connection.id));
    },
  };
}
