import { formatClock } from "@/lib/time/format";

// How the Reports page writes the API's figures: never recomputed, only formatted.

export const duration = (seconds: number) => formatClock(seconds);

/** "1,234.50 EUR"-style money in the report's currency; a dash when no rate applies. */
export function money(amount: number | null, currency: string): string {
  if (amount === null) return "—";
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "code" }).format(amount);
  } catch {
    // A currency code Intl does not know still shows its figure.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** "1 Nov 2026" for a local date of the report. */
export function localDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}
