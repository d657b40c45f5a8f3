"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useRef } from "react";
import { unwrap, type ActionResult } from "@/lib/actions/result";
import { useApiMutation } from "@/lib/queries/mutation";
import type { CreateWebhookInput, ListDeliveriesQuery, UpdateWebhookInput } from "@/lib/webhooks/schema";
import type { serializeDelivery, serializeWebhook } from "@/lib/webhooks/service";

// Server state of Settings → Webhooks, through the page's server actions (app/(app)/settings/webhooks/actions.ts),
// which call the same service as /api/v1/webhooks. The page hands the actions in (components do not import app/).

export type WebhookInfo = ReturnType<typeof serializeWebhook>;
export type DeliveryInfo = ReturnType<typeof serializeDelivery>;
type Created = { webhook: WebhookInfo; secret: string };

export type WebhookActions = {
  list: () => Promise<ActionResult<WebhookInfo[]>>;
  create: (input: CreateWebhookInput) => Promise<ActionResult<Created>>;
  update: (id: number, input: UpdateWebhookInput) => Promise<ActionResult<WebhookInfo>>;
  remove: (id: number) => Promise<ActionResult<null>>;
  rotate: (id: number) => Promise<ActionResult<Created>>;
  test: (id: number) => Promise<ActionResult<DeliveryInfo>>;
  deliveries: (id: number, query: ListDeliveriesQuery) => Promise<ActionResult<{ deliveries: DeliveryInfo[]; total: number }>>;
  redeliver: (id: number, deliveryId: number) => Promise<ActionResult<DeliveryInfo>>;
};

export const WebhookActionsContext = createContext<WebhookActions | null>(null);

function useActions(): WebhookActions {
  const actions = useContext(WebhookActionsContext);
  if (!actions) throw new Error("WebhookActionsContext is missing: render inside <WebhooksPage>.");
  return actions;
}

/** Deliveries per page of an endpoint's table. */
export const DELIVERIES_PER_PAGE = 10;
// Pending deliveries are sent within seconds: ask again this often while one is, so its answer shows.
const PENDING_POLL_MS = 2_000;
// The delivery engine may deactivate an endpoint meanwhile: the list refreshes now and then.
const LIST_POLL_MS = 30_000;

export const webhookKeys = {
  all: (workspaceId: number) => ["webhooks", workspaceId] as const,
  deliveries: (workspaceId: number, id: number) => ["webhooks", workspaceId, "deliveries", id] as const,
  page: (workspaceId: number, id: number, page: number) => ["webhooks", workspaceId, "deliveries", id, page] as const,
};

export const isPending = (d: Pick<DeliveryInfo, "status">) => d.status === "pending" || d.status === "retrying";

/** The workspace's endpoints; `initial` (from the server render) seeds the cache once. */
export function useWebhooks(workspaceId: number, initial: WebhookInfo[]) {
  const actions = useActions();
  const client = useQueryClient();
  const seeded = useRef(false);
  if (!seeded.current) {
    seeded.current = true;
    client.setQueryData(webhookKeys.all(workspaceId), initial);
  }
  return useQuery({ queryKey: webhookKeys.all(workspaceId), queryFn: () => unwrap(actions.list()), initialData: initial, refetchInterval: LIST_POLL_MS });
}

/** One page of an endpoint's deliveries, newest first; asked again every few seconds while one is pending. */
export function useDeliveries(workspaceId: number, id: number, page: number, enabled: boolean) {
  const actions = useActions();
  return useQuery({
    queryKey: webhookKeys.page(workspaceId, id, page),
    queryFn: () => unwrap(actions.deliveries(id, { page, per_page: DELIVERIES_PER_PAGE })),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.deliveries.some(isPending) ? PENDING_POLL_MS : false),
  });
}

export function useCreateWebhook(workspaceId: number) {
  const actions = useActions();
  return useApiMutation((input: CreateWebhookInput) => unwrap(actions.create(input)), [webhookKeys.all(workspaceId)], { errorPrefix: "The webhook was not added:" });
}

export function useUpdateWebhook(workspaceId: number) {
  const actions = useActions();
  return useApiMutation((v: { id: number; input: UpdateWebhookInput }) => unwrap(actions.update(v.id, v.input)), [webhookKeys.all(workspaceId)], {
    errorPrefix: "The webhook was not changed:",
  });
}

export function useDeleteWebhook(workspaceId: number) {
  const actions = useActions();
  const client = useQueryClient();
  const mutation = useApiMutation((id: number) => unwrap(actions.remove(id)), [webhookKeys.all(workspaceId)], { errorPrefix: "The webhook was not deleted:" });
  return {
    ...mutation,
    /** Deletes, and takes the endpoint out of the list at once (the refetch confirms it). */
    remove: (id: number, onDone: () => void) =>
      mutation.mutate(id, {
        onSuccess: () => {
          client.setQueryData<WebhookInfo[]>(webhookKeys.all(workspaceId), (old) => old?.filter((w) => w.id !== id));
          onDone();
        },
      }),
  };
}

export function useRotateSecret(workspaceId: number) {
  const actions = useActions();
  return useApiMutation((id: number) => unwrap(actions.rotate(id)), [webhookKeys.all(workspaceId)], { errorPrefix: "The secret was not rotated:" });
}

export function useSendTestEvent(workspaceId: number, id: number) {
  const actions = useActions();
  return useApiMutation(() => unwrap(actions.test(id)), [webhookKeys.deliveries(workspaceId, id)], { errorPrefix: "The test event was not sent:" });
}

export function useRedeliver(workspaceId: number, id: number) {
  const actions = useActions();
  return useApiMutation((deliveryId: number) => unwrap(actions.redeliver(id, deliveryId)), [webhookKeys.deliveries(workspaceId, id)], {
    errorPrefix: "The delivery was not queued again:",
  });
}
