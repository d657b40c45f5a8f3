import type { Project } from "@/lib/queries/types";

const hours = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** "12.5 h", or null. */
export function formatEstimate(estimate: number | null): string | null {
  return estimate == null ? null : `${hours.format(estimate)} h`;
}

export const PROJECT_STATUS_LABEL: Record<Project["status"], string> = {
  active: "Active",
  on_hold: "On hold",
  archived: "Archived",
};

/** A number field's text as the API takes it: empty clears it; anything else is sent for the server to judge. */
export function numberOrNull(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : t;
}
