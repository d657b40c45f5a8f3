"use client";

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ConnectForm } from "./connect-form";
import { ConnectionCard } from "./connection-card";
import { useConnections, type Connection, type ProviderInfo } from "./queries";
import styles from "./integrations.module.css";

type Props = {
  initialConnections: Connection[];
  providers: ProviderInfo[];
  /** Just connected (back from the provider): the connection and its first import. */
  connected: { id: number; jobId: number | null } | null;
  error: string | null;
  /** Why this member may not import projects (the policy's answer), or null. */
  importBlocked: string | null;
};

/** Settings → Integrations: the outside systems Stint keeps in sync with, and connecting new ones. */
export function IntegrationsPage({ initialConnections, providers, connected, error, importBlocked }: Props) {
  const { data: connections, isPending } = useConnections(initialConnections);
  const fresh = connected && connections?.find((c) => c.id === connected.id);
  return (
    <div className={styles.page}>
      <p style={{ margin: 0 }}>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">Integrations</h1>
      <p className={styles.lead}>
        Log your hours once: Stint imports the projects of the systems you bill in and sends them your entries when you stop the timer.
      </p>

      {error && (
        <p className="form-alert" data-testid="connect-error">
          Could not connect: {error}
        </p>
      )}
      {fresh && (
        <p className={styles.notice} data-testid="connected-notice">
          Connected <strong>{fresh.label}</strong>.{" "}
          {importBlocked
            ? "Your entries in the workspace's projects linked to it are sent there; a manager, admin or owner imports its projects."
            : "Its projects are being imported; they show up in the timer's project picker."}
        </p>
      )}

      <section className={`card ${styles.section}`} aria-labelledby="integrations-connections">
        <h2 id="integrations-connections">Your connections</h2>
        {isPending ? (
          <Skeleton rows={2} />
        ) : !connections?.length ? (
          <EmptyState title="Nothing connected yet">
            <p>Connect a system below; its projects appear in Stint and your entries in them are sent there.</p>
          </EmptyState>
        ) : (
          <ul className={styles.list}>
            {connections.map((c) => (
              <ConnectionCard
                key={c.id}
                connection={c}
                settingsFields={providers.find((p) => p.name === c.provider)?.settings_form.map((f) => f.name) ?? []}
                initialJobId={connected?.id === c.id ? connected.jobId : null}
                importBlocked={importBlocked}
              />
            ))}
          </ul>
        )}
      </section>

      {providers.map((p) => (
        <ConnectForm key={p.name} provider={p} />
      ))}
    </div>
  );
}
