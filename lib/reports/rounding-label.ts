import type { RoundingMode, RoundingScope } from "./builder/query-schema";

// How a rounding reads on the pages (the Reports page's control, Settings → Workspace). Plain text, no
// drizzle: rounding.ts holds the SQL, and this file goes to the browser.

export const ROUNDING_MODE_LABELS: Record<RoundingMode, string> = { none: "No rounding", up: "Round up", down: "Round down", nearest: "Round to nearest" };
export const ROUNDING_SCOPE_LABELS: Record<RoundingScope, string> = { entry: "Each entry", group: "Each group's total" };

/** "No rounding", "Up to 15 min, each entry", "Nearest 6 min, each group's total". */
export function describeRounding(r: { mode: RoundingMode; minutes: number; scope: RoundingScope }): string {
  if (r.mode === "none") return "No rounding";
  const how = r.mode === "up" ? "Up to" : r.mode === "down" ? "Down to" : "Nearest";
  return `${how} ${r.minutes} min, ${ROUNDING_SCOPE_LABELS[r.scope].toLowerCase()}`;
}
