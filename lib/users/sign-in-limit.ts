import type { Db } from "@/db";
import { hitRateLimit } from "@/lib/api/rate-limit";

// Password guessing is slowed per account, whichever door it comes through (the sign-in page or
// POST /api/v1/auth/login), and counted in the database so every instance shares the count.
const LIMITS = { perMinute: 10, perHour: 60 };

/** Seconds to wait before another sign-in attempt for this email, or null if it may try now. */
export async function signInRetryAfter(db: Db, email: string): Promise<number | null> {
  const state = await hitRateLimit(db, `sign-in:${email.trim().toLowerCase()}`, LIMITS);
  return state.retryAfterSeconds;
}
