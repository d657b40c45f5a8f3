"use server";

import { z } from "zod";
import { attempt } from "@/lib/actions/result";
import { id as idField } from "@/lib/api/fields";
import { userContext } from "@/lib/context";
import { parseOrThrow } from "@/lib/errors";
import { createWebhookSchema, listDeliveriesQuery, updateWebhookSchema, type CreateWebhookInput, type ListDeliveriesQuery, type UpdateWebhookInput } from "@/lib/webhooks/schema";
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  serializeDelivery,
  serializeWebhook,
  updateWebhook,
} from "@/lib/webhooks/service";

// Settings → Webhooks: adapters over lib/webhooks/service.ts, as thin as the API's handlers. Arguments
// come from the browser as they are: each is parsed with the schema the API uses, and the service decides
// (policy: owners and admins) on every call.

const ids = z.object({ webhook: idField("Webhook not found.") });
const deliveryIds = ids.extend({ delivery: idField("Delivery not found.") });

export async function listWebhooksAction() {
  return attempt(async () => {
    const { db, actor } = await userContext();
    return (await listWebhooks(db, actor)).map(serializeWebhook);
  });
}

export async function createWebhookAction(input: CreateWebhookInput) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    const { webhook, secret } = await createWebhook(db, actor, parseOrThrow(createWebhookSchema, input));
    return { webhook: serializeWebhook(webhook), secret };
  });
}

export async function updateWebhookAction(id: number, input: UpdateWebhookInput) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    const { webhook } = parseOrThrow(ids, { webhook: id });
    return serializeWebhook(await updateWebhook(db, actor, webhook, parseOrThrow(updateWebhookSchema, input)));
  });
}

export async function deleteWebhookAction(id: number) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    await deleteWebhook(db, actor, parseOrThrow(ids, { webhook: id }).webhook);
    return null;
  });
}

export async function rotateWebhookSecretAction(id: number) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    const { webhook, secret } = await rotateWebhookSecret(db, actor, parseOrThrow(ids, { webhook: id }).webhook);
    return { webhook: serializeWebhook(webhook), secret };
  });
}

export async function sendTestEventAction(id: number) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    return serializeDelivery(await sendTestEvent(db, actor, parseOrThrow(ids, { webhook: id }).webhook));
  });
}

export async function listDeliveriesAction(id: number, query: ListDeliveriesQuery) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    const { deliveries, total } = await listDeliveries(db, actor, parseOrThrow(ids, { webhook: id }).webhook, parseOrThrow(listDeliveriesQuery, query));
    return { deliveries: deliveries.map(serializeDelivery), total };
  });
}

export async function redeliverAction(id: number, deliveryId: number) {
  return attempt(async () => {
    const { db, actor } = await userContext();
    const { webhook, delivery } = parseOrThrow(deliveryIds, { webhook: id, delivery: deliveryId });
    return serializeDelivery(await redeliver(db, actor, webhook, delivery));
  });
}
