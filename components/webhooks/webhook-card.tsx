"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Deliveries } from "./deliveries";
import { useDeleteWebhook, useRotateSecret, useSendTestEvent, useUpdateWebhook, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

type Props = {
  workspaceId: number;
  webhook: WebhookInfo;
  onSecret: (rotated: { webhook: WebhookInfo; secret: string }) => void;
  onDeleted: () => void;
};

/** One endpoint: what it receives, whether it is active (and why not), its controls and its deliveries. */
export function WebhookCard({ workspaceId, webhook: w, onSecret, onDeleted }: Props) {
  const update = useUpdateWebhook(workspaceId);
  const rotate = useRotateSecret(workspaceId);
  const remove = useDeleteWebhook(workspaceId);
  const test = useSendTestEvent(workspaceId, w.id);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const headingId = `webhook-${w.id}`;

  return (
    <li className={styles.endpoint} data-testid="webhook-item" aria-labelledby={headingId}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.url}>
          {w.url}
        </h3>
        <span className={styles.status} data-status={w.active ? "active" : "inactive"}>
          {w.active ? "Active" : "Deactivated"}
        </span>
      </div>
      {!w.active && (
        <div className={styles.deactivated} data-testid="webhook-deactivated">
          <p>
            <strong>Deactivated:</strong> {w.deactivated_reason ?? "by an owner or admin of this workspace."}
          </p>
          <p>Nothing is sent to it until it is activated again.</p>
        </div>
      )}
      {w.description && <p className={styles.description}>{w.description}</p>}
      <p className={styles.eventList}>
        <span className="visually-hidden">Events: </span>
        {w.events.map((e) => (
          <span key={e} className={styles.event}>
            {e === "*" ? "All events" : e}
          </span>
        ))}
      </p>
      <div className={styles.actions}>
        <Button
          type="button"
          variant="secondary"
          className="button-small"
          disabled={!w.active || test.isPending}
          onClick={() => test.mutate(undefined, { onSuccess: () => setShowDeliveries(true) })}
        >
          {test.isPending ? "Sending…" : "Send test event"}
        </Button>
        <Button type="button" variant="secondary" className="button-small" onClick={() => setConfirm("rotate")}>
          Rotate secret
        </Button>
        <Button type="button" variant="secondary" className="button-small" disabled={update.isPending} onClick={() => update.mutate({ id: w.id, input: { active: !w.active } })}>
          {w.active ? "Deactivate" : "Activate"}
        </Button>
        <Button type="button" className="button-danger button-small" onClick={() => setConfirm("delete")}>
          Delete
        </Button>
      </div>
      <Deliveries workspaceId={workspaceId} webhook={w} open={showDeliveries} onToggle={setShowDeliveries} />

      <ConfirmDialog
        open={confirm === "rotate"}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        pending={rotate.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          rotate.mutate(w.id, {
            onSuccess: (rotated) => {
              setConfirm(null);
              onSecret(rotated);
            },
          })
        }
      >
        <p>Deliveries to {w.url} are signed with a new secret from now on: the receiver must switch to it, or it will refuse them.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          remove.remove(w.id, () => {
            setConfirm(null);
            onDeleted();
          })
        }
      >
        <p>Nothing more is sent to {w.url}, and its delivery history is deleted with it. This cannot be undone.</p>
      </ConfirmDialog>
    </li>
  );
}
