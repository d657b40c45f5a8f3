import { formatMoney } from "@/lib/money/format";
import { formatClock } from "@/lib/time/format";

// How the Reports page writes the API's figures: never recomputed, only formatted.

export const duration = (seconds: number) => formatClock(seconds);

/** An amount in the report's currency, written as every page writes money (lib/money); a dash when no rate applies. */
export const money = (amount: number | null, currency: string) => (amount === null ? "—" : formatMoney(amount, currency));

/** "1 Nov 2026" for a local date of the report. */
export function localDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}
