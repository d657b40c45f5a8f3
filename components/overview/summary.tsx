import type { Overview } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import styles from "./overview.module.css";

/** The period's total, billable total and number of sessions. */
export function Summary({ overview }: { overview: Overview }) {
  const share = overview.total_seconds > 0 ? Math.round((overview.billable_seconds / overview.total_seconds) * 100) : 0;
  return (
    <dl className={styles.summary}>
      <div className={styles.stat}>
        <dt>Total</dt>
        <dd className="tabular" data-testid="overview-total">
          {formatTotal(overview.total_seconds)}
        </dd>
      </div>
      <div className={styles.stat}>
        <dt>Billable</dt>
        <dd className="tabular">
          <span data-testid="overview-billable">{formatTotal(overview.billable_seconds)}</span>{" "}
          <span className={styles.statNote}>{share}%</span>
        </dd>
      </div>
      <div className={styles.stat}>
        <dt>Sessions</dt>
        <dd className="tabular" data-testid="overview-sessions">
          {overview.entries}
        </dd>
      </div>
    </dl>
  );
}
