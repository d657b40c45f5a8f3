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
 * Several events of one change (a timer start is also an entry's creation), still in one statement: each
 * event is recorded only when some active endpoint subscribes to it, with one delivery per such endpoint.
 */
export async function emitEvents(db: Db, workspaceId: number, events: { type: WebhookEventType; data: Record<string, unknown> }[]): Promise<void> {
  if (events.length <= 1) {
    for (const e of events) await emitEvent(db, workspaceId, e.type, e.data);
    return;
  }
  const types = sql.join([...new Set(events.map((e) => e.type)), "*"].map((t) => sql`${t}`), sql`, `);
  const rows = sql.join(
    events.map((e) => sql`(${newEventId()}::text, ${e.type}::text, ${JSON.stringify(e.data)}::jsonb)`),
    sql`, `,
  );
  await db.execute(sql`with listening as (
      select w.id, w.events from webhooks w where w.workspace_id = ${workspaceId} and w.active and w.events && array[${types}]::text[]),
    event as (
      insert into webhook_events (id, workspace_id, type, data)
      select e.id, ${workspaceId}, e.type, e.data from (values ${rows}) as e(id, type, data)
      where exists (select 1 from listening l where l.events && array[e.type, '*']::text[])
      returning id, type)
    insert into webhook_deliveries (webhook_id, event_id, workspace_id)
    select l.id, event.id, ${workspaceId} from event join listening l on l.events && array[event.type, '*']::text[]`);
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
