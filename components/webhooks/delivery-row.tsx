"use client";

import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { isPending, useRedeliver, type DeliveryInfo, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });
const when = (iso: string) => dateTime.format(new Date(iso));
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
            <dl className={styles.facts}>
              <div>
                <dt>Event id</dt>
                <dd>
                  <code>{d.event_id}</code>
                </dd>
              </div>
              {d.next_attempt_at && isPending(d) && (
                <div>
                  <dt>Next attempt</dt>
                  <dd>{when(d.next_attempt_at)}</dd>
                </div>
              )}
              <div>
                <dt>Request</dt>
                <dd>{d.request_excerpt ? <pre className={styles.excerpt}>{d.request_excerpt}</pre> : "Not sent yet."}</dd>
              </div>
              <div>
                <dt>Response</dt>
                <dd>{d.response_excerpt ? <pre className={styles.excerpt}>{d.response_excerpt}</pre> : d.response_status === null ? "No answer yet." : "(empty body)"}</dd>
              </div>
              {d.last_error && (
                <div>
                  <dt>Last error</dt>
                  <dd className={styles.lastError}>{d.last_error}</dd>
                </div>
              )}
            </dl>
            <div className={styles.actions}>
              <Button
                type="button"
                variant="secondary"
                className="button-small"
                disabled={!webhook.active || redeliver.isPending}
                onClick={() => redeliver.mutate(d.id)}
                aria-describedby={webhook.active ? undefined : `${detailsId}-inactive`}
              >
                {redeliver.isPending ? "Queuing…" : "Redeliver"}
              </Button>
              {!webhook.active && (
                <span id={`${detailsId}-inactive`} className={styles.lead}>
                  Activate the webhook to send it again.
                </span>
              )}
            </div>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
