"use client";

import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { DeliveryDetails, when } from "./delivery-details";
import { useRedeliver, type DeliveryInfo, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

const STATUS_LABEL = { pending: "Pending", retrying: "Retrying", succeeded: "Succeeded", failed: "Failed" } as const;

type Props = { workspaceId: number; webhook: WebhookInfo; delivery: DeliveryInfo };

/** One delivery, with a row under it (opened by "Details") showing what was sent and what came back. */
export function DeliveryRow({ workspaceId, webhook, delivery: d }: Props) {
  const [open, setOpen] = useState(false);
  const redeliver = useRedeliver(workspaceId, webhook.id);
  const detailsId = `delivery-${d.id}-details`;
  return (
    <Fragment>
      <tr data-testid="delivery-row" data-status={d.status}>
        <td data-label="Event">
          <code>{d.event ?? "—"}</code>
        </td>
        <td data-label="Status">
          <span className={styles.deliveryStatus} data-status={d.status}>
            {STATUS_LABEL[d.status]}
          </span>
        </td>
        <td data-label="Attempts" className={styles.num}>
          {d.attempts}
        </td>
        <td data-label="Response" className={styles.num}>
          {d.response_status ?? "—"}
        </td>
        <td data-label="Duration" className={styles.num}>
          {d.duration_ms === null ? "—" : `${d.duration_ms} ms`}
        </td>
        <td data-label="Time">
          <time dateTime={d.created_at}>{when(d.created_at)}</time>
        </td>
        <td className={styles.detailsCell}>
          <Button type="button" variant="secondary" className="button-small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
            Details
          </Button>
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className={styles.detailsRow}>
          <td colSpan={7}>
            <DeliveryDetails webhook={webhook} delivery={d} onRedeliver={() => redeliver.mutate(d.id)} redelivering={redeliver.isPending} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
