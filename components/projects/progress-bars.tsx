import type { ReactNode } from "react";
import type { Project } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { formatMoney } from "@/lib/money/format";
import { formatEstimate } from "./format";
import styles from "./manage.module.css";

/** A bar for the eye (hidden from assistive tech) above a text that says it all; red when over. */
function Progress({ share, over, testId, children }: { share: number; over: boolean; testId: string; children: ReactNode }) {
  return (
    <div className={styles.estimate} data-over={over || undefined} data-testid={testId}>
      <div className={styles.bar} aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.max(0, share * 100))}%` }} />
      </div>
      <span className={`tabular ${styles.estimateText}`}>{children}</span>
    </div>
  );
}

/** "6h 00m of 10 h · 60% · 4h 00m left" (the API's all-time progress). Null without an estimate. */
export function EstimateBar({ project, compact }: { project: Project; compact?: boolean }) {
  if (project.estimate_progress == null || project.estimate_remaining_seconds == null) return null;
  const percent = Math.round(project.estimate_progress * 100);
  const left = project.estimate_remaining_seconds;
  const estimate = formatEstimate(project.estimated_hours);
  return (
    <Progress share={project.estimate_progress} over={left < 0} testId="estimate-progress">
      {compact ? (
        <>
          {percent}% of {estimate}
        </>
      ) : (
        <>
          {formatTotal(project.tracked_seconds)} of {estimate} · {percent}%{left < 0 ? ` · ${formatTotal(-left)} over` : ` · ${formatTotal(left)} left`}
        </>
      )}
    </Progress>
  );
}

/**
 * "€200.57 of €150.00 · 134% · €50.57 over": the billable amount spent of the budget, all time. Without a
 * rate nothing is measured against it (said in words); null without a budget.
 */
export function BudgetBar({ project, compact }: { project: Project; compact?: boolean }) {
  if (project.budget_amount == null) return null;
  const money = (amount: number) => formatMoney(amount, project.currency);
  const budget = money(project.budget_amount);
  if (project.budget_spent == null || project.budget_remaining == null) {
    return compact ? null : <span className="muted" data-testid="budget-progress">No hourly rate: nothing is spent against {budget} yet</span>;
  }
  const over = project.budget_remaining < 0;
  const share = project.budget_progress ?? (over ? 1 : 0);
  const percent = project.budget_progress == null ? null : `${Math.round(project.budget_progress * 100)}%`;
  return (
    <Progress share={share} over={over} testId="budget-progress">
      {compact ? (
        <>{percent ? `${percent} of ${budget} budget` : `${money(project.budget_spent)} of ${budget} budget`}</>
      ) : (
        <>
          {money(project.budget_spent)} of {budget}
          {percent && ` · ${percent}`}
          {over ? ` · ${money(-project.budget_remaining)} over` : ` · ${money(project.budget_remaining)} left`}
        </>
      )}
    </Progress>
  );
}
