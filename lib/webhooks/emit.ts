import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEvents, type WebhookDelivery } from "@/db/schema";
import type { WebhookEventType } from "./event-types";

/** `Stint-Event-Id`: the same on every retry of every delivery of the event. */
export const newEventId = () => `evt_${crypto.randomBytes(12).toString("hex")}`;

/**
 * Records an event and queues one delivery per active endpoint of the workspace that subscribes to it.
 * Call it with the transaction that makes the change: a rollback takes the event with it, a commit makes it
 * as durable as the change. One statement, and no row at all when no endpoint listens, so a workspace
 * without webhooks pays one indexed lookup per change.
 *
 * `data` is the resource in its API shape (for deletions `{id, deleted: true}`), frozen now: every retry
 * sends the same body.
 */
export async function emitEvent(db: Db, workspaceId: number, type: WebhookEventType, data: Record<string, unknown>): Promise<void> {
  const listening = sql`w.workspace_id = ${workspaceId} and w.active and w.events && array[${type}, '*']::text[]`;
  await db.execute(sql`with event as (
      insert into webhook_events (id, workspace_id, type, data)
      select ${newEventId()}, ${workspaceId}, ${type}, ${JSON.stringify(data)}::jsonb
      where exists (select 1 from webhooks w where ${listening})
      returning id)
    insert into webhook_deliveries (webhook_id, event_id, workspace_id)
    select w.id, event.id, ${workspaceId} from event join webhooks w on ${listening}`);
}

/**
 * Records an event for one endpoint only (a `ping` from "Send test event"), whatever it subscribes to, and
 * returns its delivery, due now. Call it inside a transaction: the two rows come and go together.
 */
export async function emitEventTo(db: Db, workspaceId: number, webhookId: number, type: WebhookEventType, data: Record<string, unknown>): Promise<WebhookDelivery> {
  const [event] = await db.insert(webhookEvents).values({ id: newEventId(), workspaceId, type, data }).returning({ id: webhookEvents.id });
  const [delivery] = await db.insert(webhookDeliveries).values({ webhookId, eventId: event.id, workspaceId }).returning();
  return delivery;
}
