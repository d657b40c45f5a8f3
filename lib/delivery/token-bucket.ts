import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";

// A token bucket per owner row (a connection, a webhook endpoint), shared by every worker and instance
// through the row itself: `rate_tokens`/`rate_at` hold the bucket, `blocked_until` a pause the remote side
// asked for (429). Both owner tables have these three columns.

export type BucketOwner = { table: "integration_connections" | "webhooks"; id: number };
export type RateLimit = { burst: number; perSecond: number };

/** What came of asking for a token: taken, or when to come back (the caller reschedules its work). */
export type TokenResult = { taken: true } | { taken: false; waitMs: number; gone?: boolean };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Takes one request's worth of the owner's bucket: `burst` at most at once, refilled at `perSecond`. Waits
 * in place up to `maxWaitMs` for its turn; a longer wait is returned instead. The update re-checks the
 * bucket after waiting for the row lock, so two workers never spend the same token.
 */
export async function takeToken(db: Db, owner: BucketOwner, limit: RateLimit, opts: { maxWaitMs: number; sleep?: (ms: number) => Promise<void> }): Promise<TokenResult> {
  const table = sql.identifier(owner.table);
  for (;;) {
    const available = sql`least(${limit.burst}::float8, coalesce(rate_tokens, ${limit.burst}::float8)
      + extract(epoch from clock_timestamp() - coalesce(rate_at, clock_timestamp())) * ${limit.perSecond}::float8)`;
    const taken = await queryRows<{ id: number }>(
      db,
      sql`update ${table} set rate_tokens = ${available} - 1, rate_at = clock_timestamp()
          where id = ${owner.id} and ${available} >= 1 and (blocked_until is null or blocked_until <= clock_timestamp())
          returning id`,
    );
    if (taken.length) return { taken: true };
    const [state] = await queryRows<{ blocked_ms: number | null; missing: number }>(
      db,
      sql`select extract(epoch from blocked_until - clock_timestamp()) * 1000 as blocked_ms, 1 - ${available} as missing
          from ${table} where id = ${owner.id}`,
    );
    if (!state) return { taken: false, waitMs: 0, gone: true };
    const waitMs = Math.max(Number(state.blocked_ms ?? 0), (Number(state.missing) / limit.perSecond) * 1000, 10);
    if (waitMs > opts.maxWaitMs) return { taken: false, waitMs };
    await (opts.sleep ?? defaultSleep)(waitMs);
  }
}

/** The remote side throttled us: nobody calls on this owner until `ms` from now. Returns until when. */
export async function blockOwner(db: Db, owner: BucketOwner, ms: number): Promise<Date> {
  const [row] = await queryRows<{ blocked_until: string | Date }>(
    db,
    sql`update ${sql.identifier(owner.table)}
        set blocked_until = greatest(coalesce(blocked_until, now()), now() + ${`${Math.ceil(ms)} milliseconds`}::interval)
        where id = ${owner.id} returning blocked_until`,
  );
  return row ? new Date(row.blocked_until) : new Date(Date.now() + ms);
}
