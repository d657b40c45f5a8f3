"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { keys } from "@/lib/queries/keys";
import { useInvalidate } from "@/lib/queries/sync";
import { reconnectUrl } from "./connect-url";
import { when } from "./format";
import { JobProgress } from "./job-progress";
import { integrationKeys, isFinished, useDisconnect, useJob, useStartJob, type Connection } from "./queries";
import { RoutingField } from "./routing-field";
import { SyncLog } from "./sync-log";
import { WorkTypes } from "./work-types";
import styles from "./integrations.module.css";

const COUNTS: { key: keyof Connection["entries"]; label: string }[] = [
  { key: "synced", label: "synced" },
  { key: "pending", label: "waiting" },
  { key: "incomplete", label: "incomplete" },
  { key: "failed", label: "failed" },
];

type Props = {
  connection: Connection;
  /** The provider's own settings (its settings form), carried into "Reconnect" so the same account is asked. */
  settingsFields?: string[];
  initialJobId?: number | null;
  /** Why "Import projects now" is off for this member (the policy's message), or null. */
  importBlocked?: string | null;
};

/** One connection: its state, entry counts, import/sync with progress, disconnect, and its sync log. */
export function ConnectionCard({ connection: c, settingsFields = [], initialJobId = null, importBlocked = null }: Props) {
  const [jobId, setJobId] = useState<number | null>(initialJobId);
  const { data: job } = useJob(c.id, jobId);
  const sync = useStartJob("sync");
  const importNow = useStartJob("import_projects");
  const importActivity = useStartJob("import");
  const disconnect = useDisconnect();
  const [confirming, setConfirming] = useState(false);
  const invalidate = useInvalidate();

  // When a job finishes: fresh counts, projects (an import brings new ones), entry states and the log.
  const finished = job ? isFinished(job) : false;
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (job && finished && seen.current !== job.id) {
      seen.current = job.id;
      invalidate([integrationKeys.all, keys.projects, integrationKeys.entryStates, integrationKeys.events(c.id)]);
    }
  }, [job, finished, invalidate, c.id]);

  const busy = (job && !finished) || sync.isPending || importNow.isPending || importActivity.isPending;
  const start = (mutation: typeof sync) => mutation.mutate(c.id, { onSuccess: (j) => setJobId(j.id) });
  const stopped = c.status === "error";

  return (
    <li className={styles.connection} data-testid="connection" aria-labelledby={`connection-${c.id}`}>
      <div className={styles.head}>
        <h3 id={`connection-${c.id}`}>{c.label}</h3>
        <span className={styles.status} data-status={c.status}>
          {stopped ? "Stopped" : "Active"}
        </span>
      </div>

      {stopped && (
        <div className={styles.error} role="alert">
          <p>
            <strong>Sync stopped:</strong> {c.last_error ?? "the connection stopped."}
          </p>
          <a className="button button-small" href={reconnectUrl(c, settingsFields)}>
            Reconnect {c.provider_label}
          </a>
        </div>
      )}

      <dl className={styles.facts}>
        <div>
          <dt>Last sync</dt>
          <dd data-testid="last-sync">{when(c.last_sync_at) ?? "Not yet"}</dd>
        </div>
        {c.next_sync_at && (
          <div>
            <dt>Next sync</dt>
            <dd data-testid="next-sync">{new Date(c.next_sync_at) <= new Date() ? "Due now" : when(c.next_sync_at)}</dd>
          </div>
        )}
        <div>
          <dt>Projects</dt>
          <dd>{c.projects_imported_at ? `imported ${when(c.projects_imported_at)}` : "not imported yet"}</dd>
        </div>
        <div>
          <dt>Entries</dt>
          <dd className={styles.counts} data-testid="entry-counts">
            {COUNTS.map(({ key, label }) => (
              <span key={key}>
                <strong>{c.entries[key]}</strong> {label}
              </span>
            ))}
          </dd>
        </div>
        {!stopped && c.last_error && (
          <div>
            <dt>Last error</dt>
            <dd>
              {c.last_error} {c.last_error_at && <span className="muted">({when(c.last_error_at)})</span>}
            </dd>
          </div>
        )}
        {c.blocked_until && (
          <div>
            <dt>Paused</dt>
            <dd>{`${c.provider_label} asked Stint to slow down; syncing resumes at ${when(c.blocked_until)}.`}</dd>
          </div>
        )}
      </dl>

      {c.jobs.includes("sync") && <RoutingField connection={c} />}

      {job && <JobProgress job={job} />}

      <div className={styles.actions}>
        {c.jobs.includes("import_projects") && (
          <Button
            type="button"
            variant="secondary"
            className="button-small"
            disabled={busy || !!importBlocked}
            aria-describedby={importBlocked ? `import-blocked-${c.id}` : undefined}
            onClick={() => start(importNow)}
          >
            {importNow.isPending ? "Starting…" : "Import projects now"}
          </Button>
        )}
        {c.jobs.includes("import") && (
          <Button type="button" variant="secondary" className="button-small" disabled={busy || stopped} onClick={() => start(importActivity)}>
            {importActivity.isPending ? "Starting…" : "Import activity now"}
          </Button>
        )}
        {c.jobs.includes("sync") && (
          <Button type="button" variant="secondary" className="button-small" disabled={busy || stopped} onClick={() => start(sync)}>
            {sync.isPending ? "Starting…" : "Sync now"}
          </Button>
        )}
        <Button type="button" className={`button-danger button-small ${styles.push}`} onClick={() => setConfirming(true)} aria-label={`Disconnect ${c.label}`}>
          Disconnect
        </Button>
      </div>

      {importBlocked && c.jobs.includes("import_projects") && (
        <p className="muted" id={`import-blocked-${c.id}`} data-testid="import-blocked">
          {importBlocked}
        </p>
      )}

      {c.work_types && <WorkTypes connectionId={c.id} workTypes={c.work_types} />}

      <SyncLog connectionId={c.id} />

      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${c.provider_label}?`}
        confirmLabel="Disconnect"
        pendingLabel="Disconnecting…"
        pending={disconnect.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => disconnect.mutate(c.id, { onSuccess: () => setConfirming(false) })}
      >
        <p>Stint stops sending your entries to {c.label} and forgets its credentials.</p>
        <p>
          Your projects, tasks and entries stay in Stint (as your own projects), and the time logs already in {c.provider_label} stay there.
        </p>
      </ConfirmDialog>
    </li>
  );
}
