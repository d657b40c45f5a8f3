import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, type EntrySyncLink } from "@/db/schema";

/** Long enough for a rate-limited remote call with its timeout; a crashed worker's work waits this long. */
export const LEASE_SECONDS = 120;

/**
 * Claims up to `limit` due links for this worker. `FOR UPDATE SKIP LOCKED` lets any number of workers (app
 * instances, `stint sync run` processes) claim side by side without waiting on or taking each other's rows;
 * the lease then keeps the row theirs after this short transaction, without holding a lock during the
 * remote calls. Links of a stopped (error) or throttled connection wait.
 */
export async function claimDueLinks(db: Db, workerId: string, limit: number, connectionId?: number): Promise<EntrySyncLink[]> {
  const due = sql`select s.connection_id, s.entry_id from entry_sync_links s
    join integration_connections c on c.id = s.connection_id
    where s.state = 'pending' and s.next_attempt_at <= now()
      and (s.lease_until is null or s.lease_until < now())
      and c.status = 'active' and (c.blocked_until is null or c.blocked_until <= now())
      ${connectionId === undefined ? sql`` : sql`and s.connection_id = ${connectionId}`}
    order by s.next_attempt_at
    limit ${limit}
    for update of s skip locked`;
  return db
    .update(entrySyncLinks)
    .set({ leaseUntil: sql`now() + ${`${LEASE_SECONDS} seconds`}::interval`, leaseOwner: workerId })
    .where(sql`(${entrySyncLinks.connectionId}, ${entrySyncLinks.entryId}) in (${due})`)
    .returning();
}
