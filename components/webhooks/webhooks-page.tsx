"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { AddWebhookForm } from "./add-webhook-form";
import { useWebhooks, WebhookActionsContext, type WebhookActions, type WebhookInfo } from "./queries";
import { SecretDialog, type ShownSecret } from "./secret-dialog";
import { WebhookCard } from "./webhook-card";
import styles from "./webhooks.module.css";

type Props = { workspaceId: number; initial: WebhookInfo[]; actions: WebhookActions };

/** Settings → Webhooks (owners and admins): the workspace's endpoints, a form to add one, their deliveries. */
export function WebhooksPage({ actions, ...rest }: Props) {
  return (
    <WebhookActionsContext.Provider value={actions}>
      <WebhooksView {...rest} />
    </WebhookActionsContext.Provider>
  );
}

function WebhooksView({ workspaceId, initial }: Omit<Props, "actions">) {
  const webhooks = useWebhooks(workspaceId, initial);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  // After a delete the endpoint's card (and the button that had focus) is gone: focus goes to the list's
  // heading, after the confirm dialog has handed focus back (children's effects run first).
  const [focusList, setFocusList] = useState(0);
  useEffect(() => {
    if (focusList) listHeading.current?.focus();
  }, [focusList]);

  return (
    <div className={styles.page}>
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">Webhooks</h1>
      <p className={styles.lead}>
        Stint sends a signed <code>POST</code> to each URL here when something in this workspace changes: entries, the timer, projects, clients and tasks. A
        receiver checks the <code>Stint-Signature</code> header with the endpoint&apos;s secret.
      </p>

      <section className={`card ${styles.section}`} aria-labelledby="webhooks-new">
        <h2 id="webhooks-new">Add webhook</h2>
        <AddWebhookForm workspaceId={workspaceId} onCreated={(created) => setSecret({ ...created, kind: "created" })} />
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="webhooks-list">
        <h2 id="webhooks-list" ref={listHeading} tabIndex={-1}>
          Endpoints
        </h2>
        {webhooks.isError ? (
          <LoadError what="webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />
        ) : webhooks.data.length === 0 ? (
          <EmptyState title="No webhooks yet">
            <p>Add a URL above, then send it a test event.</p>
          </EmptyState>
        ) : (
          <ul className={styles.list}>
            {webhooks.data.map((w) => (
              <WebhookCard
                key={w.id}
                workspaceId={workspaceId}
                webhook={w}
                onSecret={(rotated) => setSecret({ ...rotated, kind: "rotated" })}
                onDeleted={() => setFocusList((n) => n + 1)}
              />
            ))}
          </ul>
        )}
      </section>

      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
