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

/**
 * `seconds` (a whole number of seconds as an int or bigint SQL expression, never negative) rounded as `r`
 * says, in integer arithmetic: exact, and cheap enough for every entry of a year. Nearest rounds halves up.
 */
export function roundSeconds(r: Rounding, seconds: SQL): SQL {
  if (r.mode === "none") return seconds;
  return sql`(${roundedUnitsSql(r, seconds)} * ${sql.raw(String(r.minutes * 60))})`;
}

/**
 * The sum of `seconds` rounded one by one (rounding not "none"), over the rows of an aggregation: their
 * rounded units added up, times the unit once (one operation less per row than roundSeconds inside sum()).
 */
export function sumRoundedSecondsSql(r: Rounding, seconds: SQL): SQL {
  return sql`(sum(${roundedUnitsSql(r, seconds)}) * ${sql.raw(String(r.minutes * 60))})`;
}

/** How many whole units (r.minutes) `seconds` rounds to. */
function roundedUnitsSql(r: Rounding, seconds: SQL): SQL {
  const u = r.minutes * 60;
  const add = r.mode === "up" ? u - 1 : r.mode === "down" ? 0 : u / 2;
  return sql`(((${seconds}) + ${sql.raw(String(add))}) / ${sql.raw(String(u))})`;
}

/** The same rule in TypeScript (for tests and for callers that hold one duration). Nearest rounds halves up. */
export function roundedSeconds(r: Rounding, seconds: number): number {
  if (r.mode === "none") return seconds;
  const unit = r.minutes * 60;
  const q = seconds / unit;
  return (r.mode === "up" ? Math.ceil(q) : r.mode === "down" ? Math.floor(q) : Math.round(q)) * unit;
}
