// When a failed delivery is tried again. Two policies share one jitter and one reading of Retry-After:
// exponential (provider pushes: a remote system that is down comes back at its own pace) and a fixed
// schedule (webhooks: a receiver's owner can plan around "1 m, 5 m, 30 m, 2 h, 6 h, 12 h, then failed").

export type RetryPolicy =
  | { kind: "exponential"; baseMs: number; capMs: number }
  /** `stepsMs[n - 1]` after the n-th failed attempt; after the last step the delivery has failed. A
   *  Retry-After is honoured up to `maxRetryAfterMs` (the longest step by default). */
  | { kind: "schedule"; stepsMs: readonly number[]; maxRetryAfterMs?: number };

/** About a day of retries (20 h 36 m), 7 attempts in all. */
export const WEBHOOK_SCHEDULE: Extract<RetryPolicy, { kind: "schedule" }> = {
  kind: "schedule",
  stepsMs: [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000],
};

/** Exponential backoff with jitter: ~base, 2·base, 4·base … capped, each between half and all of it. */
export function backoffMs(attempt: number, opts: { baseMs: number; capMs: number; retryAfterMs?: number }, random = Math.random): number {
  const exponential = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  // A server that said when to come back is believed, even past the cap.
  return Math.max(jittered, opts.retryAfterMs ?? 0);
}

/**
 * The wait after the `attempt`-th failed attempt, or null when the policy gives up (the delivery failed).
 * Schedule steps are jittered by ±10 % so that deliveries failed together do not return together. A
 * Retry-After longer than the step is honoured, up to the schedule's longest step (a receiver cannot park
 * a delivery for a year); it never adds attempts.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random = Math.random): number | null {
  if (policy.kind === "exponential") return backoffMs(attempt, { ...policy, retryAfterMs }, random);
  const step = policy.stepsMs[attempt - 1];
  if (step === undefined) return null;
  const jittered = step * (0.9 + random() * 0.2);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxRetryAfterMs ?? Math.max(...policy.stepsMs)));
}

/** A response's Retry-After (seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function retryAfterMs(res: Response, now = Date.now()): number | undefined {
  const h = res.headers.get("retry-after");
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
