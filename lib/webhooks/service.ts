import crypto from "node:crypto";
import { and, asc, count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEvents, webhooks, workspaces, type Webhook as WebhookRow, type WebhookDelivery } from "@/db/schema";
import { offsetOf } from "@/lib/api/pagination";
import { seal } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import type { MemberActor } from "@/lib/workspaces/actor";
import { assertCan } from "@/lib/workspaces/policy";
import { emitEventTo } from "./emit";
import { createWebhookSchema, listDeliveriesQuery, updateWebhookSchema, type CreateWebhookInput, type ListDeliveriesQuery, type UpdateWebhookInput } from "./schema";
import { webhookUrlRefusal } from "./url";

// A workspace's webhooks: endpoints that receive its changes as signed POSTs (the sender is
// lib/delivery). Owners and admins only (policy `webhook.read` / `webhook.manage`): an endpoint receives
// every member's changes. The signing secret is shown once and stored sealed, bound to the row.

export { type WebhookDelivery } from "@/db/schema";

/** An endpoint as services hand it out: never its (sealed) secret. */
export type Webhook = Omit<WebhookRow, "secret">;
export type DeliveryWithEvent = WebhookDelivery & { event: string };

/** At most this many endpoints per workspace: each change costs a delivery row per endpoint. */
export const MAX_WEBHOOKS_PER_WORKSPACE = 20;

export type WebhookOptions = {
  /** Allow loopback/private/link-local hosts; STINT_ALLOW_PRIVATE_URLS by default. */
  allowPrivate?: boolean;
};

const NOT_FOUND = "Webhook not found.";

/** `whsec_` and 32 random bytes: what receivers verify Stint-Signature with. */
export const newWebhookSecret = () => `whsec_${crypto.randomBytes(32).toString("base64url")}`;

/** The authenticated data of a webhook's sealed secret: a sealed value copied to another row does not open. */
export const webhookSecretContext = (webhookId: number) => `webhook:${webhookId}`;

const { secret: _secret, ...publicColumns } = getTableColumns(webhooks);
const read = (actor: MemberActor) => assertCan(actor, "webhook.read", { workspaceId: actor.workspaceId }, NOT_FOUND);
const manage = (actor: MemberActor) => assertCan(actor, "webhook.manage", { workspaceId: actor.workspaceId }, NOT_FOUND);
const mine = (actor: MemberActor, id: number) => and(eq(webhooks.id, id), eq(webhooks.workspaceId, actor.workspaceId));

function assertUrlAllowed(url: string | undefined, opts: WebhookOptions) {
  if (url === undefined) return;
  const refusal = webhookUrlRefusal(url, opts.allowPrivate ?? env().STINT_ALLOW_PRIVATE_URLS === "1");
  if (refusal) throw AppError.validation({ url: [refusal] });
}

export async function listWebhooks(db: Db, actor: MemberActor): Promise<Webhook[]> {
  read(actor);
  return db.select(publicColumns).from(webhooks).where(eq(webhooks.workspaceId, actor.workspaceId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export async function getWebhookOrThrow(db: Db, actor: MemberActor, id: number): Promise<Webhook> {
  read(actor);
  const [row] = await db.select(publicColumns).from(webhooks).where(mine(actor, id)).limit(1);
  if (!row) throw new AppError("not_found", NOT_FOUND);
  return row;
}

/** Sealed with the row's own id: the row is inserted with a placeholder, then sealed, in one transaction. */
async function storeSecret(tx: Db, id: number): Promise<{ webhook: Webhook; secret: string }> {
  const secret = newWebhookSecret();
  const [webhook] = await tx
    .update(webhooks)
    .set({ secret: seal(secret, webhookSecretContext(id)), updatedAt: new Date() })
    .where(eq(webhooks.id, id))
    .returning(publicColumns);
  return { webhook, secret };
}

/** A new endpoint, active at once. The secret in the answer is the only time it is shown. */
export async function createWebhook(db: Db, actor: MemberActor, input: CreateWebhookInput, opts: WebhookOptions = {}): Promise<{ webhook: Webhook; secret: string }> {
  manage(actor);
  const data = parseOrThrow(createWebhookSchema, input);
  assertUrlAllowed(data.url, opts);
  return db.transaction(async (tx) => {
    // The workspace's row lock makes the count and the insert one step: two concurrent creates cannot both be the 20th.
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
    const [{ n }] = await tx.select({ n: count() }).from(webhooks).where(eq(webhooks.workspaceId, actor.workspaceId));
    if (n >= MAX_WEBHOOKS_PER_WORKSPACE) {
      throw new AppError("conflict", `A workspace can have at most ${MAX_WEBHOOKS_PER_WORKSPACE} webhooks: delete one you no longer use first.`);
    }
    const [row] = await tx
      .insert(webhooks)
      .values({ workspaceId: actor.workspaceId, createdBy: actor.userId, url: data.url, events: data.events, description: data.description ?? "", secret: "" })
      .returning({ id: webhooks.id });
    return storeSecret(tx, row.id);
  });
}

/** Changes what was sent. active:true re-activates an endpoint and forgets why it was deactivated. */
export async function updateWebhook(db: Db, actor: MemberActor, id: number, input: UpdateWebhookInput, opts: WebhookOptions = {}): Promise<Webhook> {
  manage(actor);
  const data = parseOrThrow(updateWebhookSchema, input);
  await getWebhookOrThrow(db, actor, id);
  assertUrlAllowed(data.url, opts);
  const now = new Date();
  const activation =
    data.active === true
      ? { active: true, deactivatedReason: null, deactivatedAt: null, failingSince: null, blockedUntil: null }
      : data.active === false
        ? { active: false, deactivatedAt: sql`coalesce(${webhooks.deactivatedAt}, ${now.toISOString()}::timestamptz)` }
        : {};
  const [row] = await db
    .update(webhooks)
    .set({ url: data.url, events: data.events, description: data.description, ...activation, updatedAt: now })
    .where(mine(actor, id))
    .returning(publicColumns);
  if (!row) throw new AppError("not_found", NOT_FOUND);
  return row;
}

/** Deletes the endpoint and its deliveries (the foreign key cascades); events other endpoints got stay. */
export async function deleteWebhook(db: Db, actor: MemberActor, id: number): Promise<void> {
  manage(actor);
  const deleted = await db.delete(webhooks).where(mine(actor, id)).returning({ id: webhooks.id });
  if (deleted.length === 0) throw new AppError("not_found", NOT_FOUND);
}

/** A new secret, shown once; the old one signs nothing from now on (deliveries are signed when sent). */
export async function rotateWebhookSecret(db: Db, actor: MemberActor, id: number): Promise<{ webhook: Webhook; secret: string }> {
  manage(actor);
  await getWebhookOrThrow(db, actor, id);
  return db.transaction((tx) => storeSecret(tx, id));
}

function assertActive(webhook: Webhook) {
  if (!webhook.active) throw new AppError("conflict", "This webhook is not active: activate it first (PATCH with active: true), then send again.");
}

/** Queues a `ping` event for this endpoint only, due now. */
export async function sendTestEvent(db: Db, actor: MemberActor, id: number): Promise<DeliveryWithEvent> {
  manage(actor);
  const webhook = await getWebhookOrThrow(db, actor, id);
  assertActive(webhook);
  const delivery = await db.transaction((tx) =>
    emitEventTo(tx, actor.workspaceId, webhook.id, "ping", { webhook_id: webhook.id, message: "A test event from Stint: if you can read this, the webhook works." }),
  );
  return { ...delivery, event: "ping" };
}

/** The endpoint's deliveries, newest first, with their event's type. */
export async function listDeliveries(db: Db, actor: MemberActor, id: number, query: ListDeliveriesQuery): Promise<{ deliveries: DeliveryWithEvent[]; total: number }> {
  read(actor);
  const q = parseOrThrow(listDeliveriesQuery, query);
  await getWebhookOrThrow(db, actor, id);
  const where = and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.workspaceId, actor.workspaceId), q.status ? eq(webhookDeliveries.status, q.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ delivery: webhookDeliveries, event: webhookEvents.type })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(q.per_page)
      .offset(offsetOf(q)),
    db.select({ total: count() }).from(webhookDeliveries).where(where),
  ]);
  return { deliveries: rows.map((r) => ({ ...r.delivery, event: r.event })), total };
}

/**
 * Sends a delivery again: the same event (id and body), due now, pending; its attempt count stays. A lease
 * is left alone: a worker sending it right now finishes first, so the receiver never gets it twice at once.
 */
export async function redeliver(db: Db, actor: MemberActor, id: number, deliveryId: number): Promise<DeliveryWithEvent> {
  manage(actor);
  const webhook = await getWebhookOrThrow(db, actor, id);
  assertActive(webhook);
  const now = new Date();
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, updatedAt: now })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhook.id), eq(webhookDeliveries.workspaceId, actor.workspaceId)))
    .returning();
  if (!row) throw new AppError("not_found", "Delivery not found.");
  const [event] = await db.select({ type: webhookEvents.type }).from(webhookEvents).where(eq(webhookEvents.id, row.eventId));
  return { ...row, event: event.type };
}

export function serializeWebhook(w: Webhook) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    active: w.active,
    description: w.description,
    deactivated_reason: w.deactivatedReason,
    created_at: w.createdAt.toISOString(),
  };
}

export function serializeDelivery(d: WebhookDelivery & { event?: string }) {
  return {
    id: d.id,
    event_id: d.eventId,
    event: d.event ?? null,
    status: d.status,
    attempts: d.attempts,
    response_status: d.responseStatus,
    duration_ms: d.durationMs,
    next_attempt_at: d.status === "pending" || d.status === "retrying" ? d.nextAttemptAt.toISOString() : null,
    created_at: d.createdAt.toISOString(),
    request_excerpt: d.requestExcerpt,
    response_excerpt: d.responseExcerpt,
    last_error: d.lastError,
  };
}
