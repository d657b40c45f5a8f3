"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

export type ShownSecret = { webhook: WebhookInfo; secret: string; kind: "created" | "rotated" };

/** The signing secret of a new or rotated endpoint: the only time Stint shows it (it keeps it sealed). */
export function SecretDialog({ secret, onClose }: { secret: ShownSecret | null; onClose: () => void }) {
  const [copiedFor, setCopiedFor] = useState<string | null>(null);
  const copied = secret !== null && copiedFor === secret.secret;
  return (
    <Dialog open={secret !== null} onClose={onClose} title={secret?.kind === "rotated" ? "New signing secret" : "Webhook added"}>
      {secret && (
        <>
          <p>
            The signing secret of <strong className={styles.url}>{secret.webhook.url}</strong>:
          </p>
          <div className={styles.secret}>
            <code data-testid="webhook-secret">{secret.secret}</code>
            <Button
              type="button"
              variant="secondary"
              className="button-small"
              onClick={() => void navigator.clipboard?.writeText(secret.secret).then(() => setCopiedFor(secret.secret))}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className={styles.warning} role="note">
            <strong>Copy it now: it will not be shown again.</strong>{" "}
            {secret.kind === "rotated" ? "Deliveries are signed with this secret from now on; the old one no longer works." : "Your receiver needs it to check the Stint-Signature header."}
          </p>
          <div className="dialog-actions">
            <Button type="button" onClick={onClose}>
              Done
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
