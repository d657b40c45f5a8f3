"use client";

import { Button } from "@/components/ui/button";
import { isPending, type DeliveryInfo, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });
export const when = (iso: string) => dateTime.format(new Date(iso));

type Props = { webhook: WebhookInfo; delivery: DeliveryInfo; onRedeliver: () => void; redelivering: boolean };

/** What the last attempt of a delivery sent and got back (excerpts, never the secret), and Redeliver. */
export function DeliveryDetails({ webhook, delivery: d, onRedeliver, redelivering }: Props) {
  const inactiveId = `delivery-${d.id}-inactive`;
  return (
    <>
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
          disabled={!webhook.active || redelivering}
          onClick={onRedeliver}
          aria-describedby={webhook.active ? undefined : inactiveId}
        >
          {redelivering ? "Queuing…" : "Redeliver"}
        </Button>
        {!webhook.active && (
          <span id={inactiveId} className={styles.lead}>
            Activate the webhook to send it again.
          </span>
        )}
      </div>
    </>
  );
}
