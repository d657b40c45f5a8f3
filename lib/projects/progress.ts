// A project's progress against its estimate (hours) and budget (amount), as the project page, the project
// API and the grouped report (first level: project) show it. Always all time: the project's whole life, not
// a report's range (a budget is spent once, whatever dates a report looks at).

/** Shares are ratios (0.6 = 60 %), kept to 4 decimals: enough for a percentage with two decimals. */
const share = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 10_000;

/** Tracked time against an estimate in hours; null without an estimate (or a zero one). */
export function estimateProgress(trackedSeconds: number, estimatedHours: number | null): { share: number; remainingSeconds: number } | null {
  if (estimatedHours == null || estimatedHours <= 0) return null;
  const budget = Math.round(estimatedHours * 3600);
  return { share: share(trackedSeconds, budget), remainingSeconds: budget - trackedSeconds };
}

/**
 * The billable amount spent against a budget: null without a budget, or without an amount (no rate applies
 * to the project's time, so nothing is measured against it). `remaining` comes from SQL (numeric: budget −
 * amount, to the cent, negative when over), not from subtracting floats here.
 */
export function budgetProgress(spent: number | null, budget: number | null, remaining: number | null): { spent: number; share: number | null; remaining: number } | null {
  if (budget == null || spent == null || remaining == null) return null;
  return { spent, share: budget > 0 ? share(spent, budget) : null, remaining };
}
