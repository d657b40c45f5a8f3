import type { Project } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { estimateProgress, formatEstimate, formatMoney } from "./format";
import styles from "./manage.module.css";

/** "6h 00m of 10 h · 60 %" with a bar (the text says it all; the bar is for the eye). Null without an estimate. */
export function EstimateBar({ project, compact }: { project: Project; compact?: boolean }) {
  const progress = estimateProgress(project.tracked_seconds, project.estimated_hours);
  if (!progress) return null;
  const percent = Math.round(progress.share * 100);
  const over = progress.leftSeconds < 0;
  return (
    <div className={styles.estimate} data-over={over || undefined} data-testid="estimate-progress">
      <div className={styles.bar} aria-hidden="true">
        <span style={{ width: `${Math.min(100, progress.share * 100)}%` }} />
      </div>
      <span className={`tabular ${styles.estimateText}`}>
        {compact ? (
          <>
            {percent}% of {formatEstimate(project.estimated_hours)}
          </>
        ) : (
          <>
            {formatTotal(project.tracked_seconds)} of {formatEstimate(project.estimated_hours)} · {percent}%
            {over ? ` · ${formatTotal(-progress.leftSeconds)} over` : ` · ${formatTotal(progress.leftSeconds)} left`}
          </>
        )}
      </span>
    </div>
  );
}

/** The amount, or why there is none. */
function amountOf(project: Project): string | null {
  return project.billable_amount == null ? null : formatMoney(project.billable_amount, project.currency);
}

/** A project page's figures: time tracked, this month, billable time and amount, progress against the estimate. */
export function ProjectFigures({ project }: { project: Project }) {
  const amount = amountOf(project);
  return (
    <section className="card stack" aria-labelledby="figures-title">
      <h2 id="figures-title" className={styles.sectionTitle}>
        Time and money
      </h2>
      <dl className={styles.facts} data-testid="project-figures">
        <div>
          <dt>Tracked</dt>
          <dd className={`tabular ${styles.figure}`}>{formatTotal(project.tracked_seconds)}</dd>
        </div>
        <div>
          <dt>This month</dt>
          <dd className={`tabular ${styles.figure}`}>{formatTotal(project.tracked_seconds_this_month)}</dd>
        </div>
        <div>
          <dt>Billable</dt>
          <dd className={`tabular ${styles.figure}`}>{formatTotal(project.billable_seconds)}</dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd className={`tabular ${styles.figure}`}>
            {amount ?? <span className={`muted ${styles.noFigure}`}>No hourly rate</span>}
          </dd>
        </div>
        <div className={styles.factWide}>
          <dt>Estimate</dt>
          <dd>{project.estimated_hours == null ? <span className="muted">No estimate</span> : <EstimateBar project={project} />}</dd>
        </div>
      </dl>
      <p className="hint muted">
        Amount = hourly rate × billable hours (sessions marked billable, to the second), rounded to the cent, in your currency ({project.currency}).
        “This month” follows your time zone; a session across midnight counts for its part in the month.
      </p>
    </section>
  );
}

/** A project row's figures: total, this month, amount and the estimate, in a few words. */
export function ProjectRowFigures({ project }: { project: Project }) {
  const amount = amountOf(project);
  return (
    <div className={`tabular ${styles.rowFigures}`} data-testid="project-row-figures">
      <span>
        <span className="visually-hidden">Tracked: </span>
        <strong>{formatTotal(project.tracked_seconds)}</strong>
      </span>
      <span className="muted">{formatTotal(project.tracked_seconds_this_month)} this month</span>
      {amount && (
        <span>
          <span className="visually-hidden">Billable amount: </span>
          {amount}
        </span>
      )}
      <EstimateBar project={project} compact />
    </div>
  );
}
