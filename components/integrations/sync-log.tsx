"use client";

import { useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { when } from "./format";
import { useEvents } from "./queries";
import styles from "./integrations.module.css";

/** A connection's sync log, newest first; fetched when opened. */
export function SyncLog({ connectionId }: { connectionId: number }) {
  const [open, setOpen] = useState(false);
  const { data: events, isPending, isError } = useEvents(connectionId, open);
  return (
    <details className={styles.log} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Sync log</summary>
      {!open ? null : isPending ? (
        <Skeleton rows={2} height="1.4rem" />
      ) : isError ? (
        <p className={styles.logEmpty}>The log could not be loaded.</p>
      ) : events.length === 0 ? (
        <p className={styles.logEmpty}>Nothing yet: imports and pushed entries are listed here.</p>
      ) : (
        <ol aria-label="Sync log, newest first">
          {events.map((e) => (
            <li key={e.id} data-level={e.level} data-testid="sync-event">
              <time dateTime={e.at}>{when(e.at)}</time>
              <span>{e.message}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
