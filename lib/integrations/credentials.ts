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

/** An access token is refreshed this long before it expires, so a call never starts with a dying one. */
const EXPIRY_MARGIN_MS = 60_000;

const inFlight = new Map<number, Promise<string>>();

/** The connection's current access token, refreshed first when expired (or about to be). */
export async function currentAccessToken(db: Db, connectionId: number, provider: Provider): Promise<{ token: string; version: number }> {
  const [row] = await db.select().from(integrationConnections).where(eq(integrationConnections.id, connectionId));
  if (!row) throw new PermanentError("The connection was removed.", "connection");
  const credentials = openCredentials(row);
  if (provider.connect.kind !== "oauth2") return { token: credentials.apiKey ?? "", version: row.credentialsVersion };
  if (credentials.accessToken && (credentials.accessTokenExpiresAt ?? 0) > Date.now() + EXPIRY_MARGIN_MS) {
    return { token: credentials.accessToken, version: row.credentialsVersion };
  }
  const token = await refreshAccessToken(db, connectionId, provider, row.credentialsVersion);
  return { token, version: row.credentialsVersion + 1 };
}

/**
 * Refreshes the connection's tokens once, whoever asks. Across processes and instances the connection row
 * is locked (FOR UPDATE) for the refresh; inside the lock, a version newer than the one the caller saw means
 * another worker already refreshed, and its tokens are used. The new credentials are stored before anyone
 * uses them, which matters for providers whose refresh tokens rotate (Teamleader): losing the new refresh
 * token would end the connection. Within one process, concurrent callers share one promise.
 */
export function refreshAccessToken(db: Db, connectionId: number, provider: Provider, seenVersion: number): Promise<string> {
  const running = inFlight.get(connectionId);
  if (running) return running;
  const promise = doRefresh(db, connectionId, provider, seenVersion).finally(() => inFlight.delete(connectionId));
  inFlight.set(connectionId, promise);
  return promise;
}

async function doRefresh(db: Db, connectionId: number, provider: Provider, seenVersion: number): Promise<string> {
  if (provider.connect.kind !== "oauth2") throw new AuthExpiredError("The API key was refused.");
  const connect = provider.connect;
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(integrationConnections).where(eq(integrationConnections.id, connectionId)).for("update");
    if (!row) return { error: new PermanentError("The connection was removed.", "connection") };
    const credentials = openCredentials(row);
    if (row.credentialsVersion !== seenVersion && credentials.accessToken) return { token: credentials.accessToken };
    try {
      // The token endpoint is throttled separately from the API: not through the connection's bucket.
      const next = await connect.refresh(oauthApp(connect, provider), credentials, row.settings as never, fetchWithTimeout);
      const merged: Credentials = { ...credentials, ...next };
      await tx
        .update(integrationConnections)
        .set({ credentials: sealCredentials(connectionId, merged), credentialsVersion: row.credentialsVersion + 1, updatedAt: new Date() })
        .where(eq(integrationConnections.id, connectionId));
      return { token: merged.accessToken ?? "" };
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
  return outcome.token;
}
