import { WebhooksPage } from "@/components/webhooks/webhooks-page";
import { WebhooksRefused } from "@/components/webhooks/webhooks-refused";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { listWebhooks, serializeWebhook } from "@/lib/webhooks/service";
import {
  createWebhookAction,
  deleteWebhookAction,
  listDeliveriesAction,
  listWebhooksAction,
  redeliverAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  updateWebhookAction,
} from "./actions";

export const metadata = { title: "Webhooks" };

const actions = {
  list: listWebhooksAction,
  create: createWebhookAction,
  update: updateWebhookAction,
  remove: deleteWebhookAction,
  rotate: rotateWebhookSecretAction,
  test: sendTestEventAction,
  deliveries: listDeliveriesAction,
  redeliver: redeliverAction,
};

export default async function Webhooks() {
  const { db, actor } = await userContext();
  try {
    const initial = (await listWebhooks(db, actor)).map(serializeWebhook);
    return <WebhooksPage key={actor.workspaceId} workspaceId={actor.workspaceId} initial={initial} actions={actions} />;
  } catch (error) {
    // The policy refused (a manager's or member's role): say who may, as the Team page does, not an error page.
    if (error instanceof AppError && error.code === "forbidden") return <WebhooksRefused message={error.message} />;
    throw error;
  }
}
