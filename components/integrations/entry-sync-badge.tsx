"use client";

import { clock, when } from "./format";
import { providerMark } from "./provider-mark";
import { useRetryEntrySync, type EntrySyncState } from "./queries";
import styles from "./integrations.module.css";

function label(s: EntrySyncState): { text: string; title: string } {
  const where = providerMark(s.provider);
  switch (s.state) {
    case "synced":
      // Booked there and pulled here (a two-way provider such as Teamleader): say where it came from.
      if (s.pulled) return { text: `From ${where}`, title: `Pulled from ${where}; your edits here are sent back` };
      return { text: "Synced", title: `Sent to ${where}${s.synced_at ? ` ${when(s.synced_at)}` : ""}` };
    case "pending": {
      const retry = s.attempts > 0 && s.next_attempt_at;
      return {
        text: retry ? `Waiting · retry at ${clock(s.next_attempt_at!)}` : "Waiting",
        title: retry ? `${s.reason ? `${s.reason} ` : ""}Next attempt ${when(s.next_attempt_at)}` : `About to be sent to ${where}`,
      };
    }
    case "incomplete": {
      const reason = s.reason ?? "Incomplete";
      // Held because the provider froze the entry ("Locked in Teamleader (past its freeze window): …"):
      // the short form on the badge, what to do in its title. It is not retried.
      const locked = /^(Locked in [^(:]+?)\s*[(:]/.exec(reason);
      if (locked) return { text: locked[1], title: reason };
      // Providers word their reasons as what the entry needs (Completeness in lib/integrations/types.ts).
      return { text: reason, title: `Not sent to ${where} until it is complete` };
    }
    default:
      return { text: `Failed: ${s.reason ?? "unknown error"}`, title: `Not sent to ${where}` };
  }
}

/** An entry's sync state beside it in the list: Synced / Waiting / Needs a description / Failed + Retry. */
export function EntrySyncBadge({ state }: { state: EntrySyncState }) {
  const retry = useRetryEntrySync();
  const { text, title } = label(state);
  return (
    <span className={styles.badge} data-state={state.state} title={title} data-testid="sync-badge">
      <span className={styles.badgeText}>{text}</span>
      {state.state === "failed" && (
        <button type="button" className={styles.retry} disabled={retry.isPending} onClick={() => retry.mutate(state.entry_id)} aria-label={`Retry sending this entry to ${providerMark(state.provider)}`}>
          {retry.isPending ? "Retrying…" : "Retry"}
        </button>
      )}
    </span>
  );
}
