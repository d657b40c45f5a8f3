"use client";

import { useState } from "react";
import { Deliveries } from "./deliveries";
import type { WebhookInfo } from "./queries";
import { WebhookControls } from "./webhook-controls";
import styles from "./webhooks.module.css";

type Props = {
  workspaceId: number;
  webhook: WebhookInfo;
  onSecret: (rotated: { webhook: WebhookInfo; secret: string }) => void;
  onDeleted: () => void;
};

/** One endpoint: what it receives, whether it is active (and why not), its controls and its deliveries. */
export function WebhookCard({ workspaceId, webhook: w, onSecret, onDeleted }: Props) {
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
      <WebhookControls workspaceId={workspaceId} webhook={w} onTestSent={() => setShowDeliveries(true)} onSecret={onSecret} onDeleted={onDeleted} />
      <Deliveries workspaceId={workspaceId} webhook={w} open={showDeliveries} onToggle={setShowDeliveries} />
    </li>
  );
}
