import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, integrationConnections, type EntrySyncLink, type IntegrationConnection } from "@/db/schema";
import { markConnectionError, providerOf } from "../connections";
import { providerContext } from "../context";
import { logEvent } from "../events";
import type { ProviderRegistry } from "../registry";
import { AuthExpiredError, HeldError, PermanentError, RateLimitedError, TransientError, type Completeness, type PushCapability, type ProviderContext, type RemoteLogRef, type SyncEntry } from "../types";
import { entryForConnection, entryFromSnapshot, entrySnapshot } from "./entry-view";
import { errorForLog, errorMessageForRecord } from "@/lib/errors";
import { nextStep } from "@/lib/delivery/outcome";
import { blockOwner } from "@/lib/delivery/token-bucket";

export type PushOptions = {
  workerId: string;
  providers: ProviderRegistry;
  backoff: { baseMs: number; capMs: number };
  /** Fault injection for tests: runs right after a remote create answered, before Stint records it. */
  afterRemoteCreate?: (ref: RemoteLogRef) => void | Promise<void>;
};

type Outcome =
  | { kind: "synced"; ref: RemoteLogRef }
  | { kind: "absent"; reason: string | null }; // removed remotely (or never there); reason when incomplete

/**
 * Brings one entry's remote log in line with the entry, once. The link was claimed (leased) by this
 * worker. Every write back is conditioned on still holding the lease, and on the version seen at the
 * start: an edit made meanwhile leaves the link pending for another round.
 */
/** How a push ended: sent (created, updated or removed remotely), held (incomplete, locked), or not yet. */
export type PushResult = "sent" | "held" | "retrying" | "failed" | "stopped";

export async function pushLink(db: Db, link: EntrySyncLink, opts: PushOptions): Promise<PushResult> {
  const [connection] = await db.select().from(integrationConnections).where(eq(integrationConnections.id, link.connectionId));
  if (!connection) return "stopped";
  const provider = providerOf(connection, opts.providers);
  const ctx = providerContext(db, connection, provider);
  const mine = and(
    eq(entrySyncLinks.connectionId, link.connectionId),
    eq(entrySyncLinks.entryId, link.entryId),
    eq(entrySyncLinks.leaseOwner, opts.workerId),
  );
  try {
    // A provider that pushes nothing keeps no links (its connection's rule is "none"): drop a stray one.
    const outcome: Outcome = provider.push ? await reconcile(db, ctx, provider.push, connection, link, opts, mine) : { kind: "absent", reason: null };
    await finish(db, link, outcome, mine);
    if (outcome.kind === "synced") {
      await logEvent(db, connection.id, "info", `${link.remoteId ? "Updated" : "Sent"} to ${provider.label} (log ${outcome.ref.id}).`, link.entryId);
    }
    return outcome.kind === "absent" && outcome.reason !== null ? "held" : "sent";
  } catch (error) {
    return fail(db, connection, link, error, opts, mine);
  }
}

/** A running timer is never pushed, whatever the provider checks besides. */
function completenessOf(push: PushCapability<never>, entry: SyncEntry, settings: never): Completeness {
  if (push.isComplete) return push.isComplete(entry, settings);
  return entry.endAt ? { ok: true } : { ok: false, reason: "Still running: sent when the timer stops" };
}

async function reconcile(
  db: Db,
  ctx: ProviderContext<never>,
  provider: PushCapability<never>,
  connection: IntegrationConnection,
  link: EntrySyncLink,
  opts: PushOptions,
  mine: ReturnType<typeof and>,
): Promise<Outcome> {
  const entry = await entryForConnection(db, connection, link.workspaceId, link.entryId);
  const completeness = entry ? completenessOf(provider, entry, ctx.settings) : null;
  let ref: RemoteLogRef | null = link.remoteId ? { id: link.remoteId, meta: link.remoteMeta ?? {} } : null;

  // A create that was started but never recorded (a crash, a lost answer): find its log before anything else.
  if (!ref && link.attempt) {
    ref = (await provider.findLog?.(ctx, entryFromSnapshot(link.attempt.entry), await takenIds(db, connection.id, link.entryId))) ?? null;
    if (ref) await logEvent(db, connection.id, "info", `Found the log of an unfinished push (${ref.id}) instead of creating another.`, link.entryId);
  }

  if (!entry || !completeness?.ok) {
    if (ref) {
      await provider.deleteLog(ctx, ref);
      const why = completeness && !completeness.ok ? completeness.reason : null;
      await logEvent(db, connection.id, "info", why !== null ? `Removed the remote log: ${why}.` : "Removed the remote log of a deleted or moved entry.", link.entryId);
    }
    return { kind: "absent", reason: completeness && !completeness.ok ? completeness.reason : null };
  }

  if (ref) {
    const updated = await provider.updateLog(ctx, ref, entry);
    return { kind: "synced", ref: updated };
  }
  return { kind: "synced", ref: await createOnce(db, ctx, provider, entry, opts, mine) };
}

/** Records the attempt (committed) before calling out, so a crash after the remote create is reconciled. */
async function createOnce(db: Db, ctx: ProviderContext<never>, provider: PushCapability<never>, entry: SyncEntry, opts: PushOptions, mine: ReturnType<typeof and>) {
  const recorded = await db
    .update(entrySyncLinks)
    .set({ attempt: { op: "create", startedAt: new Date().toISOString(), worker: opts.workerId, entry: entrySnapshot(entry) } })
    .where(mine)
    .returning({ entryId: entrySyncLinks.entryId });
  if (!recorded.length) throw new TransientError("Lost the claim on this entry before pushing it.");
  const ref = await provider.createLog(ctx, entry);
  await opts.afterRemoteCreate?.(ref);
  return ref;
}

/** Remote ids already linked to other entries of the connection: reconciliation must not adopt them. */
async function takenIds(db: Db, connectionId: number, entryId: number): Promise<Set<string>> {
  const rows = await db
    .select({ remoteId: entrySyncLinks.remoteId })
    .from(entrySyncLinks)
    .where(and(eq(entrySyncLinks.connectionId, connectionId), isNotNull(entrySyncLinks.remoteId), sql`${entrySyncLinks.entryId} <> ${entryId}`));
  return new Set(rows.map((r) => r.remoteId!));
}

async function finish(db: Db, link: EntrySyncLink, outcome: Outcome, mine: ReturnType<typeof and>): Promise<void> {
  const now = new Date();
  const unchanged = sql`${entrySyncLinks.version} = ${link.version}`;
  if (outcome.kind === "absent" && outcome.reason === null) {
    // Nothing to keep: the entry is gone or no longer this connection's. An edit meanwhile keeps the row.
    const removed = await db.delete(entrySyncLinks).where(and(mine, unchanged)).returning({ entryId: entrySyncLinks.entryId });
    if (removed.length) return;
  }
  const state = outcome.kind === "synced" ? ("synced" as const) : ("incomplete" as const);
  await db
    .update(entrySyncLinks)
    .set({
      remoteId: outcome.kind === "synced" ? outcome.ref.id : null,
      remoteMeta: outcome.kind === "synced" ? outcome.ref.meta : null,
      attempt: null,
      syncedVersion: link.version,
      state: sql`case when ${unchanged} then ${state}::sync_state else 'pending'::sync_state end`,
      lastError: outcome.kind === "absent" ? outcome.reason : null,
      attempts: 0,
      syncedAt: outcome.kind === "synced" ? now : sql`${entrySyncLinks.syncedAt}`,
      leaseUntil: null,
      leaseOwner: null,
      updatedAt: now,
    })
    .where(mine);
  await db.update(integrationConnections).set({ lastSyncAt: now }).where(eq(integrationConnections.id, link.connectionId));
}

async function fail(db: Db, connection: IntegrationConnection, link: EntrySyncLink, error: unknown, opts: PushOptions, mine: ReturnType<typeof and>): Promise<PushResult> {
  const now = Date.now();
  const message = errorMessageForRecord(error);
  const release = { leaseUntil: null, leaseOwner: null, updatedAt: new Date() };
  if (error instanceof AuthExpiredError || (error instanceof PermanentError && error.scope === "connection")) {
    // Retrying cannot help until the person reconnects: stop the whole connection and say why.
    await markConnectionError(db, connection.id, message);
    await db.update(entrySyncLinks).set({ ...release, lastError: message }).where(mine);
    await logEvent(db, connection.id, "error", `Sync stopped: ${message}`, link.entryId);
    return "stopped";
  }
  if (error instanceof HeldError) {
    // Held until the entry changes (its edit makes the link pending again): neither "Sync now" nor the
    // schedule retries it, and its badge says why.
    await db.update(entrySyncLinks).set({ ...release, state: "incomplete", lastError: message, attempt: null }).where(mine);
    await logEvent(db, connection.id, "warn", `Held, not retried: ${message}`, link.entryId);
    return "held";
  }
  if (error instanceof PermanentError) {
    await db.update(entrySyncLinks).set({ ...release, state: "failed", lastError: message, attempts: sql`${entrySyncLinks.attempts} + 1` }).where(mine);
    await logEvent(db, connection.id, "error", `Not pushed: ${message}`, link.entryId);
    return "failed";
  }
  const attempts = link.attempts + 1;
  let retryAfter = error instanceof TransientError ? error.retryAfterMs : undefined;
  if (error instanceof RateLimitedError) {
    const until = await blockOwner(db, { table: "integration_connections", id: connection.id }, error.blockMs);
    retryAfter = Math.max(retryAfter ?? 0, until.getTime() - now);
  }
  // Pushes retry for as long as it takes (the exponential policy never gives up): an entry is never dropped.
  const step = nextStep({ kind: "retry", error: message, retryAfterMs: retryAfter }, attempts, { kind: "exponential", ...opts.backoff }, now);
  const delay = step.status === "retrying" ? step.delayMs : opts.backoff.capMs;
  await db
    .update(entrySyncLinks)
    .set({ ...release, attempts, nextAttemptAt: new Date(now + delay), lastError: message })
    .where(mine);
  if (!(error instanceof TransientError)) console.error(`Sync of entry ${link.entryId} on connection ${connection.id} failed: ${errorForLog(error)}`);
  await logEvent(db, connection.id, "warn", `Will retry in ${Math.max(1, Math.round(delay / 1000))} s (attempt ${attempts}): ${message}`, link.entryId);
  return "retrying";
}
