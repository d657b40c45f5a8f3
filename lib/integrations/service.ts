import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, integrationConnections, users, type IntegrationConnection, type IntegrationEvent, type IntegrationJob } from "@/db/schema";
import { importActivitySchema, type ImportActivityInput } from "@/lib/suggestions/schema";
import { addCalendarDays } from "@/lib/time/calendar";
import { todayIn } from "@/lib/time/period";
import { MAX_IMPORT_DAYS } from "./sync/import-activity";
import { queryRows } from "@/db/rows";
import { openJson, sealJson } from "@/lib/crypto/secret-box";
import { envVar } from "@/lib/env";
import type { z } from "zod";
import { addFieldError, AppError, emptyFieldErrors, fieldErrorsOf, parseOrThrow } from "@/lib/errors";
import { disconnect, getConnectionOrThrow, listConnections, providerOf, replaceCredentials, saveConnection } from "./connections";
import { listEvents } from "./events";
import { setWorkTypes, workTypesOf } from "./work-types";
import { fetchWithTimeout } from "./http";
import { oauthApp, providerEnv } from "./oauth-app";
import { builtInProviders, type ProviderRegistry } from "./registry";
import { getProjectOrThrow } from "@/lib/projects/service";
import { connectWithCredentialsSchema, updateIntegrationSchema, type UpdateIntegrationInput, connectWithKeySchema, connectWithTokenSchema, type ConnectWithCredentialsInput, type ConnectWithKeyInput, type ConnectWithTokenInput } from "./schema";
import { enqueueJob, getJobOrThrow } from "./sync/jobs";
import { jobKindsOf } from "./sync/job-kinds";
import { PermanentError, TransientError, type ConnectResult, type Provider } from "./types";
import { assertCan, can, refusalOf, type Actor } from "@/lib/workspaces/policy";
import { lastPeriodicJobs, nextSyncAt } from "./sync/next-sync";

// What the API, the pages and the CLI call. Nothing here returns credentials.

export { disconnect as disconnectIntegration };

const providerOrThrow = (name: string, providers: ProviderRegistry): Provider => providerOf({ provider: name }, providers);

/**
 * Settings a person sent, plus the server's own host overrides. `baseUrls` never comes from a person: it
 * decides where credentials are sent. An administrator may set the variables the provider names in
 * `overrideUrls` (a proxy, or the test suite's fake servers): all of them or none.
 */
function connectSettings(provider: Provider, sent: Record<string, unknown>): Record<string, unknown> {
  const { baseUrls: _ignored, ...chosen } = sent;
  const settings = provider.connectSettingsSchema ? checkedSettings(provider.connectSettingsSchema, chosen) : chosen;
  const overrides = Object.entries(provider.overrideUrls ?? {}).map(([key, variable]) => [key, variable, envVar(variable)] as const);
  if (overrides.some(([, , value]) => value)) {
    if (overrides.some(([, , value]) => !value)) throw new AppError("bad_request", `Set ${overrides.map(([, variable]) => variable).join(" and ")}, or none of them.`);
    settings.baseUrls = Object.fromEntries(overrides.map(([key, , value]) => [key, value]));
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

export function serializeConnection(c: IntegrationConnection, counts: ConnectionCounts = { pending: 0, synced: 0, incomplete: 0, failed: 0 }, providers: ProviderRegistry = builtInProviders) {
  const provider = providers.get(c.provider);
  const { baseUrls: _hidden, ...settings } = c.settings;
  return {
    id: c.id,
    provider: c.provider,
    provider_label: provider?.label ?? c.provider,
    label: c.label,
    status: c.status,
    settings,
    routing: { rule: c.routing, project_ids: c.routingProjectIds },
    jobs: provider ? jobKindsOf(provider) : [],
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
    phase: j.phase,
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
async function withCounts(db: Db, actor: Actor, connections: IntegrationConnection[], providers: ProviderRegistry = builtInProviders) {
  if (!connections.length) return [];
  const ids = connections.map((c) => c.id);
  const rows = await queryRows<{ connection_id: number; state: keyof ConnectionCounts; n: number }>(
    db,
    sql`select connection_id, state, count(*)::int as n from entry_sync_links
        where workspace_id = ${actor.workspaceId} and connection_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        group by connection_id, state`,
  );
  const lastJobs = await lastPeriodicJobs(db, ids);
  return Promise.all(
    connections.map(async (c) => {
      const counts: ConnectionCounts = { pending: 0, synced: 0, incomplete: 0, failed: 0 };
      for (const r of rows) if (Number(r.connection_id) === c.id) counts[r.state] = Number(r.n);
      const provider = providers.get(c.provider);
      return {
        ...serializeConnection(c, counts, providers),
        next_sync_at: nextSyncAt(c, provider, lastJobs)?.toISOString() ?? null,
        work_types: await workTypesOf(db, c, provider),
      };
    }),
  );
}

/** The actor's own connections in their workspace (personal credentials: nobody else's). */
export async function listIntegrations(db: Db, actor: Actor) {
  return withCounts(db, actor, await listConnections(db, actor));
}

export async function getIntegration(db: Db, actor: Actor, id: number) {
  const [integration] = await withCounts(db, actor, [await getConnectionOrThrow(db, actor, id)]);
  return integration;
}

/**
 * Changes which entries a connection receives. A provider that pushes nothing receives none; "imported
 * projects" needs a provider that imports; "projects" names projects of the workspace the member can see.
 * Entries already pushed stay until they change (the trigger applies the rule on each change).
 */
export async function updateIntegration(db: Db, actor: Actor, id: number, input: UpdateIntegrationInput, providers: ProviderRegistry = builtInProviders) {
  const connection = await getConnectionOrThrow(db, actor, id);
  const { routing, work_types } = parseOrThrow(updateIntegrationSchema, input);
  const provider = providerOf(connection, providers);
  if (work_types) await setWorkTypes(db, actor, connection, provider, work_types);
  if (!routing) return (await withCounts(db, actor, [await getConnectionOrThrow(db, actor, id)], providers))[0];
  const refuse = (message: string) => AppError.validation({ "routing.rule": [message] });
  if (!provider.push && routing.rule !== "none") throw refuse(`${provider.label} receives no entries.`);
  if (routing.rule === "imported_projects" && !provider.import) throw refuse(`${provider.label} imports no projects.`);
  const projectIds = routing.rule === "projects" ? [...new Set(routing.project_ids)] : [];
  if (routing.rule === "projects" && !projectIds.length) throw AppError.validation({ "routing.project_ids": ["Choose at least one project."] });
  for (const projectId of projectIds) await getProjectOrThrow(db, actor, projectId);
  const [updated] = await db
    .update(integrationConnections)
    .set({ routing: routing.rule, routingProjectIds: projectIds, updatedAt: new Date() })
    .where(eq(integrationConnections.id, connection.id))
    .returning();
  const [integration] = await withCounts(db, actor, [updated], providers);
  return integration;
}

/** The providers a person can connect: how, with which form, and what the server still lacks. */
export function availableProviders(providers: ProviderRegistry = builtInProviders) {
  return providers.all().map((p) => {
    let configured = true;
    if (p.connect.kind === "oauth2") {
      try {
        oauthApp(p.connect, p);
      } catch {
        configured = false;
      }
    }
    return {
      name: p.name,
      label: p.label,
      connect: p.connect.kind,
      configured,
      env: providerEnv(p),
      lead: p.connectLead ?? null,
      settings_form: p.settingsForm ?? [],
      capabilities: { connect: p.connect.kind, import: !!p.import, push: !!p.push, pull: !!p.pull, activity: !!p.activity },
      jobs: jobKindsOf(p),
    };
  });
}

/** Connects with a pasted refresh token (servers without a browser; the CLI). */
export async function connectWithRefreshToken(db: Db, actor: Actor, providerName: string, input: ConnectWithTokenInput, providers: ProviderRegistry = builtInProviders): Promise<IntegrationConnection> {
  const provider = providerOrThrow(providerName, providers);
  const data = parseOrThrow(connectWithTokenSchema, input);
  const connect = provider.connect;
  const fromRefreshToken = connect.kind === "oauth2" ? connect.fromRefreshToken : undefined;
  if (connect.kind !== "oauth2" || !fromRefreshToken) throw new AppError("bad_request", `${provider.label} cannot be connected with a refresh token.`);
  const result = await connecting(() => fromRefreshToken(oauthApp(connect, provider), data.refresh_token, connectSettings(provider, data.settings) as never, fetchWithTimeout));
  return saveConnection(db, actor, provider, result as ConnectResult<unknown>);
}

/**
 * Connects with an API key: the provider checks the key with one call of its own before anything is
 * saved (a refused key is a 400 with its reason); the key is stored sealed like every credential and
 * never returned.
 */
export async function connectWithApiKey(db: Db, actor: Actor, providerName: string, input: ConnectWithKeyInput, providers: ProviderRegistry = builtInProviders): Promise<IntegrationConnection> {
  const provider = providerOrThrow(providerName, providers);
  const data = parseOrThrow(connectWithKeySchema, input);
  const connect = provider.connect;
  if (connect.kind !== "api_key") throw new AppError("bad_request", `${provider.label} does not connect with an API key.`);
  const settings = connectSettings(provider, data.settings);
  const checked = await connecting(() => connect.check(data.api_key, settings as never, fetchWithTimeout));
  return saveConnection(db, actor, provider, { label: checked.label, settings: checked.settings, credentials: { apiKey: data.api_key } });
}

/** Connects a provider that needs nothing secret: its own check of the settings decides. */
async function connectWithSettings(db: Db, actor: Actor, provider: Provider, sent: Record<string, unknown>) {
  const connect = provider.connect;
  if (connect.kind !== "none") throw new AppError("bad_request", `${provider.label} needs credentials to connect.`);
  const settings = connectSettings(provider, sent);
  const checked = await connecting(() => connect.check(settings as never, fetchWithTimeout));
  return saveConnection(db, actor, provider, { label: checked.label, settings: checked.settings, credentials: {} });
}

/** POST /integrations/providers/{provider}/connect: what the provider's kind of connect needs (a refresh
 *  token, an API key, or its settings alone). */
export async function connectWithCredentials(db: Db, actor: Actor, providerName: string, input: ConnectWithCredentialsInput, providers: ProviderRegistry = builtInProviders) {
  const { refresh_token, api_key, settings } = parseOrThrow(connectWithCredentialsSchema, input);
  const provider = providerOrThrow(providerName, providers);
  if (provider.connect.kind === "api_key") return connectWithApiKey(db, actor, providerName, { api_key: api_key as string, settings }, providers);
  if (provider.connect.kind === "none") return connectWithSettings(db, actor, provider, settings);
  return connectWithRefreshToken(db, actor, providerName, { refresh_token: refresh_token as string, settings }, providers);
}

// ---- OAuth 2 authorization-code flow: begin (redirect out) and callback (redirect back) ----

type PendingOAuth = { state: string; userId: number; workspaceId: number; provider: string; settings: Record<string, unknown>; reconnect?: number; expiresAt: number };
const OAUTH_CONTEXT = "oauth-pending";

/** Where to send the browser, and the sealed cookie value that the callback must bring back. */
export async function beginOAuth(db: Db, actor: Actor, providerName: string, sent: Record<string, unknown>, origin: string, reconnect?: number) {
  const provider = providerOrThrow(providerName, builtInProviders);
  const connect = provider.connect;
  if (connect.kind !== "oauth2") throw new AppError("bad_request", `${provider.label} does not connect through the browser.`);
  if (reconnect !== undefined) await getConnectionOrThrow(db, actor, reconnect);
  const settings = connectSettings(provider, sent);
  const app = await connecting(async () => oauthApp(connect, provider, origin)).catch((error: AppError) => {
    throw new AppError(error.code, error.message, { reason: "not_configured" });
  });
  const state = crypto.randomBytes(24).toString("base64url");
  const pending: PendingOAuth = { state, userId: actor.userId, workspaceId: actor.workspaceId, provider: provider.name, settings, reconnect, expiresAt: Date.now() + 10 * 60_000 };
  return { url: connect.authorizeUrl(app, settings as never, state), cookie: sealJson(pending, OAUTH_CONTEXT) };
}

/** The callback: checks the state against the cookie (same user and workspace, not expired), trades the code, saves. */
export async function finishOAuth(db: Db, actor: Actor, providerName: string, params: URLSearchParams, cookie: string | undefined, origin: string) {
  const provider = providerOrThrow(providerName, builtInProviders);
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
  const result = await connecting(() => connect.exchangeCode(oauthApp(connect, provider, origin), params, pending.settings as never, fetchWithTimeout));
  if (pending.reconnect !== undefined) {
    const existing = await getConnectionOrThrow(db, actor, pending.reconnect);
    await replaceCredentials(db, existing, result as ConnectResult<unknown>);
    return existing;
  }
  return saveConnection(db, actor, provider, result as ConnectResult<unknown>);
}

// ---- Work on demand ----

/** "Sync now": import projects, then push every waiting or failed entry. 202 with the job. */
export async function startSync(db: Db, actor: Actor, connectionId: number, providers: ProviderRegistry = builtInProviders) {
  const connection = await getConnectionOrThrow(db, actor, connectionId);
  if (connection.status === "error") throw new AppError("conflict", `Reconnect ${providerOf(connection, providers).label} first: ${connection.lastError ?? "the connection stopped."}`);
  return enqueueJob(db, connection, "sync", providers);
}

/** Does this connection's provider import projects (so a fresh connection queues an import)? */
export const importsProjects = (connection: Pick<IntegrationConnection, "provider">, providers: ProviderRegistry = builtInProviders) => providerOf(connection, providers).import !== undefined;

/** "Import projects now": the remote projects join the workspace's catalog, so the policy's integration.import
 *  decides. An activity source (RescueTime) imports the member's own activity instead: the local days
 *  {from, to} (default yesterday and today), for anyone with the connection. */
export async function startImport(db: Db, actor: Actor, connectionId: number, providers: ProviderRegistry = builtInProviders, input: ImportActivityInput = {}) {
  const connection = await getConnectionOrThrow(db, actor, connectionId);
  if (providerOf(connection, providers).activity) {
    if (connection.status === "error") throw new AppError("conflict", `Reconnect first: ${connection.lastError ?? "the connection stopped."}`);
    const range = parseOrThrow(importActivitySchema, input ?? {});
    const [user] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, connection.userId));
    const today = todayIn(user?.timezone ?? "UTC");
    const to = range.to ?? today;
    const from = range.from ?? addCalendarDays(to < today ? to : today, -1);
    if (from > to) throw AppError.validation({ from: ["from must not be after to."] });
    if (addCalendarDays(from, MAX_IMPORT_DAYS) <= to) throw AppError.validation({ from: [`Import at most ${MAX_IMPORT_DAYS} days at once.`] });
    return enqueueJob(db, connection, "import", providers, { from, to });
  }
  assertCan(actor, "integration.import", { workspaceId: actor.workspaceId });
  return enqueueJob(db, connection, "import_projects", providers);
}

/** Right after connecting: the first import, when the provider imports and the actor may import (a
 *  member's connection only sends their entries); null otherwise. */
export async function startFirstImport(db: Db, actor: Actor, connectionId: number, providers: ProviderRegistry = builtInProviders) {
  const connection = await getConnectionOrThrow(db, actor, connectionId);
  // An activity source starts with the last week of the member's own activity.
  if (providerOf(connection, providers).activity) return enqueueJob(db, connection, "import", providers);
  if (!importsProjects(connection, providers) || !can(actor, "integration.import", { workspaceId: actor.workspaceId })) return null;
  return enqueueJob(db, connection, "import_projects", providers);
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
      pulled: entrySyncLinks.pulled,
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
    pulled: r.pulled,
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
