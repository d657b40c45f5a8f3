import { budget } from "./budget";

/**
 * Limits count in clock minutes. Before a counted sequence of requests, wait (on the clock, not for a
 * fixed time) until a minute has at least `needMs` left, so the sequence never straddles two windows.
 * `needMs` is a share of the suite's budget; the wait leaves at most 50 s of a minute to the sequence.
 */
export async function withTimeLeftInTheMinute(needMs = budget.expect * 3): Promise<void> {
  const need = Math.min(needMs, 50_000);
  const left = 60_000 - (Date.now() % 60_000);
  if (left < need) await new Promise((resolve) => setTimeout(resolve, left + 250));
}
