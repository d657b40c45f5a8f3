// Stint's precision rule: a session's row and every total beside rows read H:MM:SS (whole seconds, each
// part rounded on the server the same way), so a total is the sum of its rows. Totals that stand alone
// (the Overview's summary, bars and projects) read hours and minutes, and seconds when under a minute,
// so a short total never reads "0m".

/** "1:05:09": a running clock, a session's length or a total beside sessions (hours are not wrapped at 24). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** "7h 05m", "45m", "26s", "0m": a total on its own. */
export function formatTotal(totalSeconds: number): string {
  const seconds = Math.floor(Math.max(0, totalSeconds));
  if (seconds > 0 && seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m`;
}

/** Hours with two decimals, as the API reports them. */
export function toHours(totalSeconds: number): number {
  return Math.round((totalSeconds / 3600) * 100) / 100;
}
