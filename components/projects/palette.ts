/** The swatches offered for a project's colour (the same ten the server picks from for a new project). */
export const PALETTE = [
  { value: "#6366f1", name: "Indigo" },
  { value: "#0ea5e9", name: "Sky" },
  { value: "#10b981", name: "Emerald" },
  { value: "#f59e0b", name: "Amber" },
  { value: "#ef4444", name: "Red" },
  { value: "#8b5cf6", name: "Violet" },
  { value: "#ec4899", name: "Pink" },
  { value: "#14b8a6", name: "Teal" },
  { value: "#f97316", name: "Orange" },
  { value: "#84cc16", name: "Lime" },
] as const;

/** The colour the server would give the n-th project: shown in the form, so what you see is what you get. */
export function nextColor(projectCount: number): string {
  return PALETTE[projectCount % PALETTE.length].value;
}
