/** Exponential backoff with jitter: ~base, 2·base, 4·base … capped, each between half and all of it. */
export function backoffMs(attempt: number, opts: { baseMs: number; capMs: number; retryAfterMs?: number }, random = Math.random): number {
  const exponential = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  // A server that said when to come back is believed, even past the cap.
  return Math.max(jittered, opts.retryAfterMs ?? 0);
}
