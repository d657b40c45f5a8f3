import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { TransientError, type Provider } from "./types";

/** The longest a call waits in place for its turn; a longer wait reschedules the work instead. */
const MAX_WAIT_MS = 5_000;

/**
 * One request's worth of a connection's token bucket, shared by every worker and instance through the
 * connection row: `burst` at most at once, refilled at `perSecond`. The update re-checks the bucket after
 * waiting for the row lock, so two workers never spend the same token.
 */
export async function takeRequestToken(db: Db, connectionId: number, limit: Provider["rateLimit"], sleep = defaultSleep): Promise<void> {
  for (;;) {
    const available = sql`least(${limit.burst}::float8, coalesce(rate_tokens, ${limit.burst}::float8)
      + extract(epoch from clock_timestamp() - coalesce(rate_at, clock_timestamp())) * ${limit.perSecond}::float8)`;
    const taken = await queryRows<{ id: number }>(
      db,
      sql`update integration_connections set rate_tokens = ${available} - 1, rate_at = clock_timestamp()
          where id = ${connectionId} and ${available} >= 1 and (blocked_until is null or blocked_until <= clock_timestamp())
          returning id`,
    );
    if (taken.length) return;
    const [state] = await queryRows<{ blocked_ms: number | null; missing: number }>(
      db,
      sql`select extract(epoch from blocked_until - clock_timestamp()) * 1000 as blocked_ms, 1 - ${available} as missing
          from integration_connections where id = ${connectionId}`,
    );
    if (!state) throw new TransientError("The connection is gone.");
    const waitMs = Math.max(Number(state.blocked_ms ?? 0), (Number(state.missing) / limit.perSecond) * 1000, 10);
    if (waitMs > MAX_WAIT_MS) throw new TransientError(`Waiting for the rate limit (${Math.ceil(waitMs / 1000)} s).`, waitMs);
    await sleep(waitMs);
  }
}

/** The provider throttled us: nobody calls on this connection until `ms` from now. */
export async function blockConnection(db: Db, connectionId: number, ms: number): Promise<Date> {
  const [row] = await db
    .update(integrationConnections)
    .set({ blockedUntil: sql`greatest(coalesce(${integrationConnections.blockedUntil}, now()), now() + ${`${Math.ceil(ms)} milliseconds`}::interval)` })
    .where(eq(integrationConnections.id, connectionId))
    .returning({ blockedUntil: integrationConnections.blockedUntil });
  return row?.blockedUntil ?? new Date(Date.now() + ms);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
