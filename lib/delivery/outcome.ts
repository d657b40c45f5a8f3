import { retryDelayMs, type RetryPolicy } from "./backoff";

// What one attempt of a delivery came to, and what happens next: the one decision every queue of the
// engine (provider pushes, webhook deliveries) takes after an attempt.

export type AttemptOutcome =
  | { kind: "success" }
  /** Worth another try (network failure, timeout, 5xx, 429), after `retryAfterMs` when the remote side said so. */
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** Trying again cannot help. */
  | { kind: "permanent"; error: string };

export type NextStep =
  | { status: "succeeded" }
  | { status: "retrying"; delayMs: number; nextAttemptAt: Date }
  | { status: "failed"; error: string };

/** After the `attempt`-th attempt (1 for the first) came to `outcome`. */
export function nextStep(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy, now = Date.now(), random = Math.random): NextStep {
  if (outcome.kind === "success") return { status: "succeeded" };
  if (outcome.kind === "permanent") return { status: "failed", error: outcome.error };
  const delayMs = retryDelayMs(policy, attempt, outcome.retryAfterMs, random);
  if (delayMs === null) return { status: "failed", error: outcome.error };
  return { status: "retrying", delayMs, nextAttemptAt: new Date(now + delayMs) };
}
