import { sql, type SQL } from "drizzle-orm";
import type { RoundingMode, RoundingScope } from "./query-schema";

/**
 * How a report rounds durations. One place, applied once:
 * - scope "entry": each entry's seconds in a group of the finest level (its part on each local day when
 *   grouped by day, each of its tags when grouped by tag) are rounded, then added up;
 * - scope "group": each group of the finest level is rounded once, from the raw sum of its entries.
 * Subtotals and totals are sums of the rounded rows, never rounded again. Raw seconds travel beside the
 * rounded ones everywhere.
 */
export type Rounding = { mode: RoundingMode; minutes: number; scope: RoundingScope };

export const NO_ROUNDING: Rounding = { mode: "none", minutes: 1, scope: "entry" };

/** The report's rounding: its own parameters over the workspace's setting, field by field. */
export function resolveRounding(workspace: Rounding, q: { rounding?: RoundingMode; rounding_minutes?: number; rounding_scope?: RoundingScope }): Rounding {
  return { mode: q.rounding ?? workspace.mode, minutes: q.rounding_minutes ?? workspace.minutes, scope: q.rounding_scope ?? workspace.scope };
}

/** `seconds` (a numeric SQL expression) rounded as `r` says, as numeric: exact, no float drift. */
export function roundSeconds(r: Rounding, seconds: SQL): SQL {
  if (r.mode === "none") return seconds;
  const unit = sql.raw(String(r.minutes * 60));
  const fn = sql.raw(r.mode === "up" ? "ceil" : r.mode === "down" ? "floor" : "round");
  return sql`(${fn}((${seconds})::numeric / ${unit}) * ${unit})`;
}

/** The same rule in TypeScript (for tests and for callers that hold one duration). Nearest rounds halves up. */
export function roundedSeconds(r: Rounding, seconds: number): number {
  if (r.mode === "none") return seconds;
  const unit = r.minutes * 60;
  const q = seconds / unit;
  return (r.mode === "up" ? Math.ceil(q) : r.mode === "down" ? Math.floor(q) : Math.round(q)) * unit;
}
