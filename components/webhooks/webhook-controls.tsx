"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteWebhook, useRotateSecret, useSendTestEvent, useUpdateWebhook, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

type Props = {
  workspaceId: number;
  webhook: WebhookInfo;
  onTestSent: () => void;
  onSecret: (rotated: { webhook: WebhookInfo; secret: string }) => void;
  onDeleted: () => void;
};

/** An endpoint's buttons: test event, rotate (confirmed, then the secret shown once), (de)activate, delete (confirmed). */
export function WebhookControls({ workspaceId, webhook: w, onTestSent, onSecret, onDeleted }: Props) {
  const update = useUpdateWebhook(workspaceId);
  const rotate = useRotateSecret(workspaceId);
  const remove = useDeleteWebhook(workspaceId);
  const test = useSendTestEvent(workspaceId, w.id);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);

  return (
    <div className={styles.actions}>
      <Button type="button" variant="secondary" className="button-small" disabled={!w.active || test.isPending} onClick={() => test.mutate(undefined, { onSuccess: onTestSent })}>
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
    </div>
  );
}
