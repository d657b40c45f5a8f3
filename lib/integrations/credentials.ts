import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, type IntegrationConnection } from "@/db/schema";
import { openJson, sealJson } from "@/lib/crypto/secret-box";
import { oauthApp } from "./oauth-app";
import { fetchWithTimeout } from "./http";
import { AuthExpiredError, PermanentError, type Credentials, type Provider } from "./types";

// Credentials never leave this module in plain text except to the provider that uses them.

const context = (connectionId: number) => `connection:${connectionId}`;

export function sealCredentials(connectionId: number, credentials: Credentials): string {
  return sealJson(credentials, context(connectionId));
}

export function openCredentials(connection: Pick<IntegrationConnection, "id" | "credentials">): Credentials {
  return openJson<Credentials>(connection.credentials, context(connection.id));
}

/** An access token is refreshed this long before it expires, so a call never starts with a dying one; a
 *  short-lived token (a few seconds in the tests, minutes at some providers) a quarter of its life before. */
const EXPIRY_MARGIN_MS = 60_000;

function marginOf(credentials: Credentials): number {
  const at = credentials.accessTokenRefreshedAt;
  const lifetime = typeof at === "number" && credentials.accessTokenExpiresAt ? credentials.accessTokenExpiresAt - at : Infinity;
  return Math.min(EXPIRY_MARGIN_MS, Math.max(0, lifetime / 4));
}

/** Is the stored access token good for a call starting now (present, and not within its margin of expiry)? */
const isFresh = (credentials: Credentials, now = Date.now()) =>
  !!credentials.accessToken && (credentials.accessTokenExpiresAt ?? Infinity) > now + marginOf(credentials);

/** A usable access token, the credentials version it belongs to, and when it expires (epoch ms, if known). */
export type RefreshedToken = { token: string; version: number; expiresAt?: number };

// One refresh in flight per connection and database handle in this process (a test process may hold two
// databases whose connection ids coincide).
const inFlight = new WeakMap<Db, Map<number, Promise<RefreshedToken>>>();

/** The connection's current access token, refreshed first when expired (or about to be). */
export async function currentAccessToken(db: Db, connectionId: number, provider: Provider): Promise<RefreshedToken> {
  const [row] = await db.select().from(integrationConnections).where(eq(integrationConnections.id, connectionId));
  if (!row) throw new PermanentError("The connection was removed.", "connection");
  const credentials = openCredentials(row);
  if (provider.connect.kind !== "oauth2") return { token: credentials.apiKey ?? "", version: row.credentialsVersion };
  if (isFresh(credentials)) return { token: credentials.accessToken!, version: row.credentialsVersion, expiresAt: credentials.accessTokenExpiresAt };
  return refreshCredentials(db, connectionId, provider, row.credentialsVersion);
}

/** Refreshes after the provider refused the token of version `seenVersion` (see refreshCredentials). */
export async function refreshAccessToken(db: Db, connectionId: number, provider: Provider, seenVersion: number): Promise<string> {
  return (await refreshCredentials(db, connectionId, provider, seenVersion)).token;
}

/**
 * Refreshes the connection's tokens once, whoever asks. Across processes and instances the connection row
 * is locked (FOR UPDATE) for the refresh; inside the lock, a version newer than the one the caller saw,
 * holding a token that is still fresh, means another worker already refreshed: its token is used and
 * nothing is refreshed (a stale holder re-reads). The new credentials are committed before anyone uses
 * them, which matters for providers whose refresh tokens rotate (Teamleader): losing the new refresh token
 * would end the connection. Within one process, concurrent callers share one promise.
 */
export function refreshCredentials(db: Db, connectionId: number, provider: Provider, seenVersion: number): Promise<RefreshedToken> {
  let perDb = inFlight.get(db);
  if (!perDb) inFlight.set(db, (perDb = new Map()));
  const running = perDb.get(connectionId);
  if (running) return running;
  const map = perDb;
  const promise = doRefresh(db, connectionId, provider, seenVersion).finally(() => map.delete(connectionId));
  map.set(connectionId, promise);
  return promise;
}

async function doRefresh(db: Db, connectionId: number, provider: Provider, seenVersion: number): Promise<RefreshedToken> {
  if (provider.connect.kind !== "oauth2") throw new AuthExpiredError("The API key was refused.");
  const connect = provider.connect;
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(integrationConnections).where(eq(integrationConnections.id, connectionId)).for("update");
    if (!row) return { error: new PermanentError("The connection was removed.", "connection") };
    if (row.status === "error") return { error: new PermanentError(row.lastError ?? "The connection stopped: reconnect it.", "connection") };
    const credentials = openCredentials(row);
    if (row.credentialsVersion !== seenVersion && isFresh(credentials)) return { token: credentials.accessToken!, version: row.credentialsVersion, expiresAt: credentials.accessTokenExpiresAt };
    try {
      // The token endpoint is throttled separately from the API: not through the connection's bucket.
      const next = await connect.refresh(oauthApp(connect, provider), credentials, row.settings as never, fetchWithTimeout);
      const merged: Credentials = { ...credentials, ...next, accessTokenRefreshedAt: Date.now() };
      await tx
        .update(integrationConnections)
        .set({ credentials: sealCredentials(connectionId, merged), credentialsVersion: row.credentialsVersion + 1, updatedAt: new Date() })
        .where(eq(integrationConnections.id, connectionId));
      return { token: merged.accessToken ?? "", version: row.credentialsVersion + 1, expiresAt: merged.accessTokenExpiresAt };
    } catch (error) {
      if (error instanceof PermanentError) {
        await tx
          .update(integrationConnections)
          .set({ status: "error", lastError: error.message, lastErrorAt: new Date(), updatedAt: new Date() })
          .where(eq(integrationConnections.id, connectionId));
        return { error: new PermanentError(error.message, "connection") };
      }
      return { error: error as Error };
    }
  });
  if ("error" in outcome) throw outcome.error;
  return outcome;
}
