"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { DeliveryRow } from "./delivery-row";
import { DELIVERIES_PER_PAGE, useDeliveries, type WebhookInfo } from "./queries";
import styles from "./webhooks.module.css";

type Props = { workspaceId: number; webhook: WebhookInfo; open: boolean; onToggle: (open: boolean) => void };

/** An endpoint's deliveries, newest first, a page at a time; fetched when opened, refreshed while some are pending. */
export function Deliveries({ workspaceId, webhook, open, onToggle }: Props) {
  const [page, setPage] = useState(1);
  const query = useDeliveries(workspaceId, webhook.id, page, open);
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / DELIVERIES_PER_PAGE));
  const captionId = `deliveries-${webhook.id}`;

  return (
    <details className={styles.deliveries} open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>Deliveries</summary>
      {!open ? null : query.isPending ? (
        <Skeleton rows={2} height="1.6rem" />
      ) : query.isError ? (
        <LoadError what="deliveries" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="stack">
          <div className={styles.tableBar}>
            <p id={captionId} className={styles.lead} aria-live="polite">
              {query.data.total === 0 ? "No deliveries" : `${query.data.total} ${query.data.total === 1 ? "delivery" : "deliveries"}, newest first`}
              {pages > 1 && ` · page ${page} of ${pages}`}
            </p>
            <Button type="button" variant="secondary" className="button-small" disabled={query.isFetching} onClick={() => void query.refetch()}>
              {query.isFetching ? "Refreshing…" : "Refresh"}
            </Button>
          </div>
          {query.data.total === 0 ? (
            <EmptyState title="No deliveries yet">
              <p>Send a test event, or change something in this workspace.</p>
            </EmptyState>
          ) : (
            <table className={styles.table} aria-labelledby={captionId} data-stale={query.isPlaceholderData || undefined}>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className={styles.num}>
                    Attempts
                  </th>
                  <th scope="col" className={styles.num}>
                    Response
                  </th>
                  <th scope="col" className={styles.num}>
                    Duration
                  </th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.deliveries.map((d) => (
                  <DeliveryRow key={d.id} workspaceId={workspaceId} webhook={webhook} delivery={d} />
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <nav className={styles.pager} aria-label={`Pages of deliveries to ${webhook.url}`}>
              <Button type="button" variant="secondary" className="button-small" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                Newer
              </Button>
              <Button type="button" variant="secondary" className="button-small" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                Older
              </Button>
            </nav>
          )}
        </div>
      )}
    </details>
  );
}
