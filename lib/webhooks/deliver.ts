import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEvents, webhooks, type Webhook, type WebhookDelivery } from "@/db/schema";
import { WEBHOOK_SCHEDULE, retryAfterMs, retryDelayMs, type RetryPolicy } from "@/lib/delivery/backoff";
import { claimDue, DEFAULT_LEASE_SECONDS, type DeliveryQueue } from "@/lib/delivery/claim";
import { nextStep, type AttemptOutcome } from "@/lib/delivery/outcome";
import { blockOwner, takeToken, type RateLimit } from "@/lib/delivery/token-bucket";
import { open } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { BlockedAddressError, safeFetch } from "@/lib/http/safe-fetch";
import { APP_VERSION } from "@/lib/version";
import { signatureHeader } from "./signature";

// The webhook sender: due deliveries go out through the delivery engine (lib/delivery), one POST per
// (endpoint, event), signed, with the same event id on every retry (at least once; receivers dedupe by it).

export type WebhookSenderOptions = {
  /** Unique per worker; recorded as the lease owner. */
  workerId: string;
  /** Deliveries claimed per round. */
  batch?: number;
  /** An endpoint that has not answered (body included) within this counts as failed. */
  timeoutMs?: number;
  leaseSeconds?: number;
  /** When failed attempts are tried again; the fixed webhook schedule (about a day) by default. */
  retry?: RetryPolicy;
  /** Per endpoint, shared by every worker. */
  rateLimit?: RateLimit;
  /** An endpoint that has failed without a success in between for this long is deactivated. */
  deactivateAfterMs?: number;
  /** Private, loopback and link-local targets (STINT_ALLOW_PRIVATE_URLS=1 by default). */
  allowPrivate?: boolean;
};

export const WEBHOOK_DEFAULTS = {
  batch: 20,
  timeoutMs: 10_000,
  rateLimit: { burst: 10, perSecond: 5 },
  deactivateAfterMs: 3 * 24 * 3_600_000,
  /** A lane waits in place this long for its endpoint's token; longer, the delivery is put back. */
  maxTokenWaitMs: 2_000,
};

/** A lane starts no attempt that could still run when its lease ends (timeout + this). */
const LEASE_MARGIN_MS = 5_000;

/** Kept of each request and answer for the Settings page. */
const EXCERPT_CHARS = 2_048;

/** Deliveries whose time has come, of active endpoints that did not ask us to pause (429). */
export const webhookQueue: DeliveryQueue<typeof webhookDeliveries> = {
  table: webhookDeliveries,
  key: [webhookDeliveries.id],
  from: sql`webhook_deliveries q join webhooks o on o.id = q.webhook_id`,
  due: sql`q.status in ('pending', 'retrying') and q.next_attempt_at <= now()`,
  ownerReady: sql`o.active and (o.blocked_until is null or o.blocked_until <= now())`,
};

/** Sends due deliveries until none is due; returns how many attempts were made. */
export async function deliverDueWebhooks(db: Db, opts: WebhookSenderOptions): Promise<number> {
  let attempted = 0;
  for (;;) {
    const claimed = await claimDue(db, webhookQueue, { workerId: opts.workerId, limit: opts.batch ?? WEBHOOK_DEFAULTS.batch, leaseSeconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS });
    if (!claimed.length) return attempted;
    // One lane per endpoint, lanes side by side: a slow or throttled endpoint holds up only its own deliveries.
    const lanes = new Map<number, WebhookDelivery[]>();
    // Oldest first within a lane (an UPDATE … RETURNING gives its rows in no particular order).
    claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
    for (const d of claimed) lanes.set(d.webhookId, [...(lanes.get(d.webhookId) ?? []), d]);
    const counts = await Promise.all([...lanes.values()].map((lane) => runLane(db, lane, opts)));
    const sent = counts.reduce((a, b) => a + b, 0);
    attempted += sent;
    // Everything claimed was put back (throttled, deactivated meanwhile): it is not due now, stop here.
    if (!sent) return attempted;
  }
}

/**
 * One endpoint's claimed deliveries, one after another. The lane stops early, putting the rest back
 * without counting an attempt, when the endpoint did not answer at all (its other deliveries would only
 * wait out the same timeout, holding up the worker's round: they come back after the first retry step),
 * and before the lease could run out under it (another worker would then send them again).
 */
async function runLane(db: Db, lane: WebhookDelivery[], opts: WebhookSenderOptions): Promise<number> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const leaseMs = (opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
  const lastStart = Date.now() + leaseMs - timeoutMs - LEASE_MARGIN_MS;
  let sent = 0;
  for (let i = 0; i < lane.length; i++) {
    if (Date.now() > lastStart) return sent + (await release(db, lane.slice(i), opts.workerId), 0);
    const result = await deliverOne(db, lane[i], opts);
    if (result !== "put back") sent++;
    if (result === "unanswered") {
      const pause = retryDelayMs(opts.retry ?? WEBHOOK_SCHEDULE, 1) ?? 60_000;
      await release(db, lane.slice(i + 1), opts.workerId, new Date(Date.now() + pause));
      return sent;
    }
  }
  return sent;
}

/** Gives claimed deliveries back unattempted (due again at `at`, or as they were). */
async function release(db: Db, deliveries: WebhookDelivery[], workerId: string, at?: Date) {
  if (!deliveries.length) return;
  await db
    .update(webhookDeliveries)
    .set({ leaseUntil: null, leaseOwner: null, ...(at ? { nextAttemptAt: at } : {}) })
    .where(and(inArray(webhookDeliveries.id, deliveries.map((d) => d.id)), eq(webhookDeliveries.leaseOwner, workerId)));
}

type AttemptResult = "sent" | "unanswered" | "put back";

/** One attempt of a claimed delivery: answered (any status), no answer at all, or put back without sending. */
export async function deliverOne(db: Db, delivery: WebhookDelivery, opts: WebhookSenderOptions): Promise<AttemptResult> {
  const mine = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, opts.workerId));
  const putBack = (at?: Date) =>
    db.update(webhookDeliveries).set({ leaseUntil: null, leaseOwner: null, ...(at ? { nextAttemptAt: at } : {}) }).where(mine);

  const [webhook] = await db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId));
  // Deactivated since the claim (another delivery's failure): it waits with the others until re-activated.
  if (!webhook?.active) return (await putBack(), "put back");
  const turn = await takeToken(db, { table: "webhooks", id: webhook.id }, opts.rateLimit ?? WEBHOOK_DEFAULTS.rateLimit, { maxWaitMs: WEBHOOK_DEFAULTS.maxTokenWaitMs });
  if (!turn.taken) return (await putBack(new Date(Date.now() + turn.waitMs)), "put back");

  const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
  if (!event) return (await putBack(), "put back"); // cascades away with its deliveries
  const body = JSON.stringify({ id: event.id, type: event.type, created_at: event.createdAt.toISOString(), workspace_id: event.workspaceId, data: event.data });
  let secret: string;
  try {
    secret = open(webhook.secret, `webhook:${webhook.id}`);
  } catch {
    // Nothing goes out unsigned; the attempt counts, so a lost key ends in "failed", not in a loop.
    const error = "The endpoint's secret could not be decrypted (was STINT_ENCRYPTION_KEY changed?): rotate the secret.";
    await record(db, delivery, webhook, { outcome: { kind: "retry", error }, status: null, responseExcerpt: null, durationMs: 0 }, opts, mine, body);
    return "sent";
  }
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": `Stint-Webhooks/${APP_VERSION}`,
    "Stint-Event-Id": event.id,
    "Stint-Event-Type": event.type,
    "Stint-Signature": signatureHeader(secret, body),
  };
  const result = await post(webhook.url, headers, body, opts);
  await record(db, delivery, webhook, result, opts, mine, excerpt(`POST ${webhook.url}\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${body}`));
  return result.status === null ? "unanswered" : "sent";
}

type PostResult = { outcome: AttemptOutcome; status: number | null; responseExcerpt: string | null; durationMs: number; throttleMs?: number };

async function post(url: string, headers: Record<string, string>, body: string, opts: WebhookSenderOptions): Promise<PostResult> {
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  try {
    // No redirects: a 3xx is the endpoint's answer (a failure), so a signed body never lands somewhere else.
    const res = await safeFetch(url, { method: "POST", headers, body, signal: controller.signal }, { allowPrivate: opts.allowPrivate ?? env().STINT_ALLOW_PRIVATE_URLS === "1", maxRedirects: 0 });
    const text = await res.text();
    const responseExcerpt = excerpt(`HTTP ${res.status}\n\n${text}`);
    if (res.ok) return { outcome: { kind: "success" }, status: res.status, responseExcerpt, durationMs: duration() };
    const later = res.status === 429 || res.status === 503 ? retryAfterMs(res) : undefined;
    const error = res.status >= 300 && res.status < 400 ? `HTTP ${res.status}: redirects are not followed.` : `HTTP ${res.status} from the endpoint.`;
    return { outcome: { kind: "retry", error, retryAfterMs: later }, status: res.status, responseExcerpt, durationMs: duration(), throttleMs: res.status === 429 ? later : undefined };
  } catch (error) {
    const message = controller.signal.aborted
      ? `Timed out: no answer within ${timeoutMs / 1000} s.`
      : error instanceof BlockedAddressError
        ? error.message
        : `Could not reach ${hostOf(url)}: ${causeOf(error)}`;
    return { outcome: { kind: "retry", error: message }, status: null, responseExcerpt: null, durationMs: duration() };
  } finally {
    clearTimeout(timer);
  }
}

/** Writes what the attempt came to (while still holding the lease), then the endpoint's health. */
async function record(db: Db, delivery: WebhookDelivery, webhook: Webhook, result: PostResult, opts: WebhookSenderOptions, mine: ReturnType<typeof and>, requestExcerpt: string) {
  const attempts = delivery.attempts + 1;
  const step = nextStep(result.outcome, attempts, opts.retry ?? WEBHOOK_SCHEDULE);
  const now = new Date();
  await db
    .update(webhookDeliveries)
    .set({
      status: step.status,
      attempts,
      nextAttemptAt: step.status === "retrying" ? step.nextAttemptAt : sql`${webhookDeliveries.nextAttemptAt}`,
      deliveredAt: step.status === "succeeded" ? now : null,
      lastError: step.status === "succeeded" ? null : result.outcome.kind === "success" ? null : result.outcome.error,
      responseStatus: result.status,
      responseExcerpt: result.responseExcerpt,
      requestExcerpt,
      durationMs: result.durationMs,
      leaseUntil: null,
      leaseOwner: null,
      updatedAt: now,
    })
    .where(mine);
  if (result.outcome.kind === "success") {
    if (webhook.failingSince) await db.update(webhooks).set({ failingSince: null }).where(eq(webhooks.id, webhook.id));
    return;
  }
  // 429 pauses the whole endpoint, not only this delivery.
  if (result.throttleMs) await blockOwner(db, { table: "webhooks", id: webhook.id }, result.throttleMs);
  await noteFailure(db, webhook.id, result.outcome.error, opts.deactivateAfterMs ?? WEBHOOK_DEFAULTS.deactivateAfterMs);
}

/**
 * The endpoint failed: it is failing since now unless it already was; failing for longer than `afterMs`
 * (no success in between), it is deactivated, and its owner reads why. One statement: the right-hand
 * sides all see the row as it was.
 */
async function noteFailure(db: Db, webhookId: number, error: string, afterMs: number) {
  const overdue = sql`(${webhooks.active} and ${webhooks.failingSince} < now() - ${`${Math.round(afterMs)} milliseconds`}::interval)`;
  const reason = `Deliveries failed for ${durationText(afterMs)}: ${error}`;
  await db
    .update(webhooks)
    .set({
      failingSince: sql`coalesce(${webhooks.failingSince}, now())`,
      active: sql`case when ${overdue} then false else ${webhooks.active} end`,
      deactivatedAt: sql`case when ${overdue} then now() else ${webhooks.deactivatedAt} end`,
      deactivatedReason: sql`case when ${overdue} then ${reason} else ${webhooks.deactivatedReason} end`,
    })
    .where(eq(webhooks.id, webhookId));
}

function durationText(ms: number): string {
  const days = ms / 86_400_000;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? "" : "s"}`;
  return `${Math.round(ms / 3_600_000)} hours`;
}

function excerpt(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS)}… (${text.length - EXCERPT_CHARS} more characters)`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the endpoint";
  }
}

function causeOf(error: unknown): string {
  const e = error as Error;
  return e.cause instanceof Error ? e.cause.message : (e.message ?? String(error));
}
