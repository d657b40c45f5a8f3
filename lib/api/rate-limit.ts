import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";

export type Limits = { perMinute: number; perHour: number };
export type RateLimitState = { limit: number; remaining: number; resetAt: Date; retryAfterSeconds: number | null; window: "minute" | "hour" };

const WINDOWS = [
  { name: "minute", seconds: 60 },
  { name: "hour", seconds: 3600 },
] as const;

function windowStart(now: Date, seconds: number): Date {
  return new Date(Math.floor(now.getTime() / (seconds * 1000)) * seconds * 1000);
}

/**
 * Counts one request of `bucket` in fixed minute and hour windows, in the database, so every instance of
 * Stint shares the count (one upsert per window, in one statement). Returns what the X-RateLimit-*
 * headers say; retryAfterSeconds is set when this request is over a limit.
 */
export async function hitRateLimit(db: Db, bucket: string, limits: Limits, now: Date = new Date()): Promise<RateLimitState> {
  if (!(limits.perMinute > 0) && !(limits.perHour > 0)) return { limit: 0, remaining: 0, resetAt: now, retryAfterSeconds: null, window: "minute" };
  const active = WINDOWS.map((w) => ({ ...w, limit: w.name === "minute" ? limits.perMinute : limits.perHour, start: windowStart(now, w.seconds) })).filter((w) => w.limit > 0);
  const values = sql.join(
    active.map((w) => sql`(${`${bucket}:${w.name}`}, ${w.start.toISOString()}::timestamptz, 1)`),
    sql`, `,
  );
  const rows = await queryRows<{ bucket: string; count: number }>(
    db,
    sql`insert into rate_limit_buckets (bucket, window_start, count) values ${values}
        on conflict (bucket, window_start) do update set count = rate_limit_buckets.count + 1
        returning bucket, count`,
  );
  const counts = new Map(rows.map((r) => [r.bucket, Number(r.count)]));
  let state: RateLimitState | null = null;
  for (const w of active) {
    const count = counts.get(`${bucket}:${w.name}`) ?? 1;
    const resetAt = new Date(w.start.getTime() + w.seconds * 1000);
    const over = count > w.limit;
    const candidate: RateLimitState = {
      limit: w.limit,
      remaining: Math.max(0, w.limit - count),
      resetAt,
      retryAfterSeconds: over ? Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) : null,
      window: w.name,
    };
    // Report the window that binds: the one exceeded (longest wait), else the one with least left.
    if (
      !state ||
      (candidate.retryAfterSeconds ?? -1) > (state.retryAfterSeconds ?? -1) ||
      (state.retryAfterSeconds === null && candidate.retryAfterSeconds === null && candidate.remaining < state.remaining)
    ) {
      state = candidate;
    }
  }
  // Old windows are useless: clear them now and then, not on every request.
  if (Math.random() < 0.01) await db.execute(sql`delete from rate_limit_buckets where window_start < ${new Date(now.getTime() - 2 * 3600_000).toISOString()}::timestamptz`);
  return state!;
}

/**
 * Seconds until `bucket` may be used again if it has used up a limit, else null; counts nothing.
 * For limits on failures (sign-in): check before the attempt, count it (hitRateLimit) only if it fails.
 */
export async function peekRateLimit(db: Db, bucket: string, limits: Limits, now: Date = new Date()): Promise<number | null> {
  const active = WINDOWS.map((w) => ({ ...w, limit: w.name === "minute" ? limits.perMinute : limits.perHour, start: windowStart(now, w.seconds) })).filter((w) => w.limit > 0);
  if (!active.length) return null;
  const rows = await queryRows<{ bucket: string; count: number }>(
    db,
    sql`select bucket, count from rate_limit_buckets where ${sql.join(
      active.map((w) => sql`(bucket = ${`${bucket}:${w.name}`} and window_start = ${w.start.toISOString()}::timestamptz)`),
      sql` or `,
    )}`,
  );
  const counts = new Map(rows.map((r) => [r.bucket, Number(r.count)]));
  let wait: number | null = null;
  for (const w of active) {
    if ((counts.get(`${bucket}:${w.name}`) ?? 0) < w.limit) continue;
    const seconds = Math.max(1, Math.ceil((w.start.getTime() + w.seconds * 1000 - now.getTime()) / 1000));
    wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(Math.ceil(state.resetAt.getTime() / 1000)),
  };
  if (state.retryAfterSeconds !== null) headers["Retry-After"] = String(state.retryAfterSeconds);
  return headers;
}
