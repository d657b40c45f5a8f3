import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, type EntrySyncLink } from "@/db/schema";
import { claimDue, type DeliveryQueue } from "@/lib/delivery/claim";

/** Entries waiting to be pushed to a connection. Links of a stopped (error) or throttled connection wait. */
export const entryPushQueue: DeliveryQueue<typeof entrySyncLinks> = {
  table: entrySyncLinks,
  key: [entrySyncLinks.connectionId, entrySyncLinks.entryId],
  from: sql`entry_sync_links q join integration_connections o on o.id = q.connection_id`,
  due: sql`q.state = 'pending' and q.next_attempt_at <= now()`,
  ownerReady: sql`o.status = 'active' and (o.blocked_until is null or o.blocked_until <= now())`,
};

/** Claims up to `limit` due links (of one connection, or all) for this worker (lib/delivery/claim.ts). */
export function claimDueLinks(db: Db, workerId: string, limit: number, connectionId?: number, leaseSeconds?: number): Promise<EntrySyncLink[]> {
  return claimDue(db, entryPushQueue, { workerId, limit, leaseSeconds, where: connectionId === undefined ? undefined : sql`q.connection_id = ${connectionId}` });
}
