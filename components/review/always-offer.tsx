"use client";

import { Button } from "@/components/ui/button";
import styles from "./review.module.css";

export type Offer = { id: number; notes: string; project: string; done?: boolean };

/** After accepting a suggestion with a project: "Always do this" makes a mapping rule in one click, so new
 *  imports of that activity come with the same project, task, tags and billable. */
export function AlwaysOffer({ offer, busy, onAlways, onDismiss }: { offer: Offer; busy: boolean; onAlways: () => void; onDismiss: () => void }) {
  return (
    <div className={`card ${styles.offer}`} role="status" data-testid="always-offer">
      {offer.done ? (
        <p>
          Rule saved: new imports of this activity go to <strong>{offer.project}</strong>. Change it in <a href="/settings/suggestions">Settings → Suggestions</a>.
        </p>
      ) : (
        <p>
          Accepted “{offer.notes}” on <strong>{offer.project}</strong>. Do the same for this activity from now on?
        </p>
      )}
      <div className={styles.actions}>
        {!offer.done && (
          <Button type="button" onClick={onAlways} disabled={busy}>
            Always do this
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onDismiss}>
          {offer.done ? "Close" : "Not now"}
        </Button>
      </div>
    </div>
  );
}
