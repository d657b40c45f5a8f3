import type { Project } from "@/lib/queries/types";

const number = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hours = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** "80.00/h", or null when there is no rate. */
export function formatRate(rate: number | null): string | null {
  return rate == null ? null : `${number.format(rate)}/h`;
}

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

/** "€361.49", "$1,200.00": an amount in a currency (ISO 4217); a fixed locale, so server and browser render alike. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
  } catch {
    return `${number.format(amount)} ${currency}`; // a code this runtime does not know
  }
}
