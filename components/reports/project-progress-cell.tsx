import type { ReportGroup } from "@/lib/queries/reports";
import { money } from "./format";
import styles from "./project-progress.module.css";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A small bar for the eye (hidden from assistive tech); the text beside it says it all. */
function Line({ share, over, label, children }: { share: number | null; over: boolean; label: string; children: string }) {
  return (
    <span className={styles.line} data-over={over || undefined}>
      {share !== null && (
        <span className={styles.bar} aria-hidden="true">
          <span style={{ width: `${Math.min(100, Math.max(0, share * 100))}%` }} />
        </span>
      )}
      <span>
        <span className="visually-hidden">{label}: </span>
        {children}
      </span>
    </span>
  );
}

/**
 * A project group's progress against its estimate and budget, over the project's whole life (the API's
 * `estimate` and `budget`, as on the project page), not over the report's range.
 */
export function ProjectProgressCell({ group, currency }: { group: ReportGroup; currency: string }) {
  const { estimate, budget } = group;
  if (!estimate && !budget) return <span className="muted">—</span>;
  return (
    <span className={styles.cell} data-testid="report-project-progress">
      {estimate && (
        <Line share={estimate.share} over={estimate.remaining_seconds_all_time < 0} label="Estimate">
          {`${percent(estimate.share)} of ${estimate.hours} h`}
        </Line>
      )}
      {budget && (
        <Line share={budget.share} over={(budget.remaining_all_time ?? 0) < 0} label="Budget">
          {budget.spent_all_time === null
            ? `no rate · budget ${money(budget.amount, currency)}`
            : budget.share === null
              ? `${money(budget.spent_all_time, currency)} of ${money(budget.amount, currency)}`
              : `${percent(budget.share)} of ${money(budget.amount, currency)}`}
        </Line>
      )}
    </span>
  );
}
