import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, integrationConnections, type IntegrationConnection, type IntegrationEvent, type IntegrationJob } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { openJson, sealJson } from "@/lib/crypto/secret-box";
import { envVar } from "@/lib/env";
import type { z } from "zod";
import { addFieldError, AppError, emptyFieldErrors, fieldErrorsOf, parseOrThrow } from "@/lib/errors";
import { disconnect, getConnectionOrThrow, listConnections, providerOf, replaceCredentials, saveConnection } from "./connections";
import { listEvents } from "./events";
import { fetchWithTimeout } from "./http";
import { envPrefix, oauthApp } from "./oauth-app";
import { allProviders, providerNamed } from "./registry";
import { connectWithTokenSchema, type ConnectWithTokenInput } from "./schema";
import { enqueueJob, getJobOrThrow } from "./sync/jobs";
import { PermanentError, TransientError, type ConnectResult, type Provider } from "./types";
import { assertCan, can, refusalOf, type Actor } from "@/lib/workspaces/policy";

// What the API, the pages and the CLI call. Nothing here returns credentials.

export { disconnect as disconnectIntegration };

const providerOrThrow = (name: string): Provider => providerOf({ provider: name });

/**
 * Settings a person sent, plus the server's own host override. `baseUrls` never comes from a person: it
 * decides where the OAuth client secret is sent. An administrator may set <NAME>_ACCOUNTS_URL and
 * <NAME>_API_URL (e.g. ZOHO_ACCOUNTS_URL, ZOHO_API_URL) for a proxy, or for the test suite's fake servers.
 */
function connectSettings(provider: Provider, sent: Record<string, unknown>): Record<string, unknown> {
  const { baseUrls: _ignored, ...chosen } = sent;
  const settings = provider.connectSettingsSchema ? checkedSettings(provider.connectSettingsSchema, chosen) : chosen;
  const short = envPrefix(provider).split("_")[0];
  const accounts = envVar(`${short}_ACCOUNTS_URL`);
  const api = envVar(`${short}_API_URL`);
  if (accounts || api) {
    if (!accounts || !api) throw new AppError("bad_request", `Set both ${short}_ACCOUNTS_URL and ${short}_API_URL, or neither.`);
    settings.baseUrls = { accounts, api };
  }
  return settings;
}

/** Settings checked by the provider's schema; its field errors are named `settings.<field>`. */
function checkedSettings(schema: z.ZodType, chosen: Record<string, unknown>): Record<string, unknown> {
  const result = schema.safeParse(chosen);
  if (result.success) return { ...(result.data as Record<string, unknown>) };
  const fields = emptyFieldErrors();
  for (const [field, messages] of Object.entries(fieldErrorsOf(result.error))) for (const m of messages) addFieldError(fields, `settings.${field}`, m);
  throw AppError.validation(fields);
}

/** Provider failures while connecting become a 400 with the provider's reason (never a 500). */
async function connecting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentError || error instanceof TransientError) throw new AppError("bad_request", error.message, { reason: "provider_refused" });
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", `Could not connect: ${(error as Error).message}`, { reason: "provider_refused" });
  }
}

export type ConnectionCounts = { pending: number; synced: number; incomplete: number; failed: number };

export function serializeConnection(c: IntegrationConnection, counts: ConnectionCounts = { pending: 0, synced: 0, incomplete: 0, failed: 0 }) {
  const provider = providerNamed(c.provider);
  const { baseUrls: _hidden, ...settings } = c.settings;
  return {
    id: c.id,
    provider: c.provider,
    provider_label: provider?.label ?? c.provider,
    label: c.label,
    status: c.status,
    settings,
    last_sync_at: c.lastSyncAt?.toISOString() ?? null,
    last_error: c.lastError,
    last_error_at: c.lastErrorAt?.toISOString() ?? null,
    projects_imported_at: c.projectsImportedAt?.toISOString() ?? null,
    blocked_until: c.blockedUntil && c.blockedUntil > new Date() ? c.blockedUntil.toISOString() : null,
    entries: counts,
    created_at: c.createdAt.toISOString(),
  };
}
export type SerializedConnection = ReturnType<typeof serializeConnection>;

export function serializeJob(j: IntegrationJob) {
  return {
    id: j.id,
    connection_id: j.connectionId,
    kind: j.kind,
    status: j.status,
    done: j.done,
    total: j.total,
    message: j.message,
    created_at: j.createdAt.toISOString(),
    started_at: j.startedAt?.toISOString() ?? null,
    finished_at: j.finishedAt?.toISOString() ?? null,
  };
}

export function serializeEvent(e: IntegrationEvent) {
  return { id: e.id, at: e.at.toISOString(), level: e.level, message: e.message, entry_id: e.entryId };
}

/** Connections, each with how many of its entries are in each sync state (one grouped query for all). */
async function withCounts(db: Db, actor: Actor, connections: IntegrationConnection[]) {
  if (!connections.length) return [];
  const ids = connections.map((c) => c.id);
  const rows = await queryRows<{ connection_id: number; state: keyof ConnectionCounts; n: number }>(
    db,
    sql`select connection_id, state, count(*)::int as n from entry_sync_links
        where workspace_id = ${actor.workspaceId} and connection_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        group by connection_id, state`,
  );
  return connections.map((c) => {
    const counts: ConnectionCounts = { pending: 0, synced: 0, incomplete: 0, failed: 0 };
    for (const r of rows) if (Number(r.connection_id) === c.id) counts[r.state] = Number(r.n);
    return serializeConnection(c, counts);
  });
}

/** The actor's own connections in their workspace (personal credentials: nobody else's). */
export async function listIntegrations(db: Db, actor: Actor) {
  return withCounts(db, actor, await listConnections(db, actor));
}

export async function getIntegration(db: Db, actor: Actor, id: number) {
  const [integration] = await withCounts(db, actor, [await getConnectionOrThrow(db, actor, id)]);
  return integration;
}

/** The providers a person can connect, with what they need. */
export function availableProviders() {
  return allProviders().map((p) => {
    let configured = true;
    if (p.connect.kind === "oauth2") {
      try {
        oauthApp(p);
      } catch {
        configured = false;
      }
    }
    return { name: p.name, label: p.label, connect: p.connect.kind, configured, env_prefix: envPrefix(p), capabilities: p.capabilities };
  });
}

/** Connects with a pasted refresh token (servers without a browser; the CLI). */
export async function connectWithRefreshToken(db: Db, actor: Actor, providerName: string, input: ConnectWithTokenInput): Promise<IntegrationConnection> {
  const provider = providerOrThrow(providerName);
  const data = parseOrThrow(connectWithTokenSchema, input);
  if (provider.connect.kind !== "oauth2" || !provider.connect.fromRefreshToken) throw new AppError("bad_request", `${provider.label} cannot be connected with a refresh token.`);
  const connect = provider.connect;
  const result = await connecting(() => connect.fromRefreshToken!(oauthApp(provider), data.refresh_token, connectSettings(provider, data.settings) as never, fetchWithTimeout));
  return saveConnection(db, actor, provider, result as ConnectResult<unknown>);
}

// ---- OAuth 2 authorization-code flow: begin (redirect out) and callback (redirect back) ----

type PendingOAuth = { state: string; userId: number; workspaceId: number; provider: string; settings: Record<string, unknown>; reconnect?: number; expiresAt: number };
const OAUTH_CONTEXT = "oauth-pending";

/** Where to send the browser, and the sealed cookie value that the callback must bring back. */
export async function beginOAuth(db: Db, actor: Actor, providerName: string, sent: Record<string, unknown>, origin: string, reconnect?: number) {
  const provider = providerOrThrow(providerName);
  if (provider.connect.kind !== "oauth2") throw new AppError("bad_request", `${provider.label} connects with an API key.`);
  if (reconnect !== undefined) await getConnectionOrThrow(db, actor, reconnect);
  const settings = connectSettings(provider, sent);
  const app = await connecting(async () => oauthApp(provider, origin)).catch((error: AppError) => {
    throw new AppError(error.code, error.message, { reason: "not_configured" });
  });
  const state = crypto.randomBytes(24).toString("base64url");
  const pending: PendingOAuth = { state, userId: actor.userId, workspaceId: actor.workspaceId, provider: provider.name, settings, reconnect, expiresAt: Date.now() + 10 * 60_000 };
  return { url: provider.connect.authorizeUrl(app, settings as never, state), cookie: sealJson(pending, OAUTH_CONTEXT) };
}

/** The callback: checks the state against the cookie (same user and workspace, not expired), trades the code, saves. */
export async function finishOAuth(db: Db, actor: Actor, providerName: string, params: URLSearchParams, cookie: string | undefined, origin: string) {
  const provider = providerOrThrow(providerName);
  let pending: PendingOAuth;
  try {
    pending = openJson<PendingOAuth>(cookie ?? "", OAUTH_CONTEXT);
  } catch {
    throw new AppError("bad_request", "This sign-in with the provider was not started here (or the browser lost its cookie): start again.", { reason: "oauth_state" });
  }
  if (pending.state !== params.get("state") || pending.userId !== actor.userId || pending.workspaceId !== actor.workspaceId || pending.provider !== provider.name) {
    throw new AppError("bad_request", "The provider's answer does not match the connection you started: start again.", { reason: "oauth_state" });
  }
  if (pending.expiresAt < Date.now()) throw new AppError("bad_request", "The connection took too long: start again.", { reason: "oauth_state" });
  if (provider.connect.kind !== "oauth2") throw new AppError("bad_request", "Not an OAuth provider.");
  const connect = provider.connect;
  const result = await connecting(() => connect.exchangeCode(oauthApp(provider, origin), params, pending.settings as never, fetchWithTimeout));
  if (pending.reconnect !== undefined) {
    const existing = await getConnectionOrThrow(db, actor, pending.reconnect);
    await replaceCredentials(db, existing, result as ConnectResult<unknown>);
    return existing;
  }
  return saveConnection(db, actor, provider, result as ConnectResult<unknown>);
}

// ---- Work on demand ----

/** "Sync now": import projects, then push every waiting or failed entry. 202 with the job. */
export async function startSync(db: Db, actor: Actor, connectionId: number) {
  const connection = await getConnectionOrThrow(db, actor, connectionId);
  if (connection.status === "error") throw new AppError("conflict", `Reconnect ${providerOf(connection).label} first: ${connection.lastError ?? "the connection stopped."}`);
  return enqueueJob(db, connection, "sync");
}

/** "Import projects now": the remote projects join the workspace's catalog, so the policy's integration.import decides. */
export async function startImport(db: Db, actor: Actor, connectionId: number) {
  const connection = await getConnectionOrThrow(db, actor, connectionId);
  assertCan(actor, "integration.import", { workspaceId: actor.workspaceId });
  return enqueueJob(db, connection, "import_projects");
}

/** Right after connecting: the first import, for those who may import; a member's connection only sends their entries. */
export async function startFirstImport(db: Db, actor: Actor, connectionId: number) {
  return can(actor, "integration.import", { workspaceId: actor.workspaceId }) ? startImport(db, actor, connectionId) : null;
}

/** Why the actor may not import (shown beside the disabled button), or null when they may. */
export function importRefusal(actor: Actor): string | null {
  return refusalOf(actor, "integration.import", { workspaceId: actor.workspaceId })?.message ?? null;
}

export async function getJob(db: Db, actor: Actor, connectionId: number, jobId: number) {
  return getJobOrThrow(db, await getConnectionOrThrow(db, actor, connectionId), jobId);
}

export async function integrationEvents(db: Db, actor: Actor, connectionId: number, limit = 100) {
  await getConnectionOrThrow(db, actor, connectionId);
  return listEvents(db, connectionId, Math.min(Math.max(limit, 1), 500));
}

/** The sync state of some of the actor's entries in the workspace (only entries of linked projects have one). */
export async function entrySyncStates(db: Db, actor: Actor, entryIds: number[]) {
  if (!entryIds.length) return [];
  const rows = await db
    .select({
      entryId: entrySyncLinks.entryId,
      connectionId: entrySyncLinks.connectionId,
      state: entrySyncLinks.state,
      lastError: entrySyncLinks.lastError,
      attempts: entrySyncLinks.attempts,
      nextAttemptAt: entrySyncLinks.nextAttemptAt,
      syncedAt: entrySyncLinks.syncedAt,
      provider: integrationConnections.provider,
      connectionStatus: integrationConnections.status,
    })
    .from(entrySyncLinks)
    .innerJoin(integrationConnections, eq(integrationConnections.id, entrySyncLinks.connectionId))
    .where(and(eq(entrySyncLinks.workspaceId, actor.workspaceId), eq(entrySyncLinks.userId, actor.userId), inArray(entrySyncLinks.entryId, entryIds.slice(0, 500))))
    .orderBy(desc(entrySyncLinks.updatedAt));
  return rows.map((r) => ({
    entry_id: r.entryId,
    connection_id: r.connectionId,
    provider: r.provider,
    // A stopped connection holds its entries: say so rather than "waiting".
    state: r.connectionStatus === "error" && r.state === "pending" ? ("failed" as const) : r.state,
    reason: r.connectionStatus === "error" && r.state === "pending" ? "The connection stopped: reconnect it in Settings → Integrations." : r.lastError,
    attempts: r.attempts,
    next_attempt_at: r.state === "pending" ? r.nextAttemptAt.toISOString() : null,
    synced_at: r.syncedAt?.toISOString() ?? null,
  }));
}

/** "Retry" on an entry: due now, attempts reset. 404 when the entry has no sync state. */
export async function retryEntrySync(db: Db, actor: Actor, entryId: number): Promise<void> {
  const updated = await db
    .update(entrySyncLinks)
    .set({ state: "pending", nextAttemptAt: new Date(), attempts: 0, lastError: null, updatedAt: new Date() })
    .where(and(eq(entrySyncLinks.workspaceId, actor.workspaceId), eq(entrySyncLinks.userId, actor.userId), eq(entrySyncLinks.entryId, entryId)))
    .returning({ entryId: entrySyncLinks.entryId });
  if (!updated.length) throw new AppError("not_found", "This entry is not synced with any integration.");
}
