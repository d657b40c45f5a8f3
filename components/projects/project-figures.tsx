import type { Project } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { formatMoney } from "@/lib/money/format";
import { BudgetBar, EstimateBar } from "./progress-bars";
import styles from "./manage.module.css";

/** The amount, or why there is none. */
function amountOf(project: Project): string | null {
  return project.billable_amount == null ? null : formatMoney(project.billable_amount, project.currency);
}

/** A project page's figures: time tracked, this month, billable time and amount, progress against the estimate and the budget. */
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
        <div className={styles.factWide}>
          <dt>Budget</dt>
          <dd>{project.budget_amount == null ? <span className="muted">No budget</span> : <BudgetBar project={project} />}</dd>
        </div>
      </dl>
      <p className="hint muted">
        Amount = hourly rate × billable hours (sessions marked billable, to the second), rounded to the cent, in the workspace’s currency ({project.currency}); each
        session at the first rate set of: the member’s rate on this project, the project’s, its client’s, the member’s, the workspace’s default. It is what the
        budget is spent by; estimate and budget count all the project’s time. “This month” follows your time zone; a session across midnight counts for its part
        in the month.
      </p>
    </section>
  );
}

/** A project row's figures: total, this month, amount, the estimate and the budget, in a few words. */
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
      <BudgetBar project={project} compact />
    </div>
  );
}
