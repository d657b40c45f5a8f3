/** "1:05:09": a running clock (hours are not wrapped at 24). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** "7h 05m", "45m", "0m": a total. */
export function formatTotal(totalSeconds: number): string {
  const minutes = Math.floor(Math.max(0, totalSeconds) / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m`;
}

/** Hours with two decimals, as the API reports them. */
export function toHours(totalSeconds: number): number {
  return Math.round((totalSeconds / 3600) * 100) / 100;
}
