import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { EntrySyncLink } from "@/db/schema";
import { queryRows } from "@/db/rows";

/** Long enough for a rate-limited remote call with its timeout; a crashed worker's work waits this long. */
export const LEASE_SECONDS = 120;

type RawLink = Record<string, unknown>;

/**
 * Claims up to `limit` due links for this worker. `FOR UPDATE SKIP LOCKED` lets any number of workers (app
 * instances, `stint sync run` processes) claim side by side without waiting on or taking each other's rows;
 * the lease then keeps the row theirs after this short transaction, without holding a lock during the
 * remote calls. Links of a stopped (error) or throttled connection wait.
 */
export async function claimDueLinks(db: Db, workerId: string, limit: number, connectionId?: number): Promise<EntrySyncLink[]> {
  const rows = await queryRows<RawLink>(
    db,
    sql`update entry_sync_links l
        set lease_until = now() + ${`${LEASE_SECONDS} seconds`}::interval, lease_owner = ${workerId}
        from (
          select s.connection_id, s.entry_id from entry_sync_links s
          join integration_connections c on c.id = s.connection_id
          where s.state = 'pending' and s.next_attempt_at <= now()
            and (s.lease_until is null or s.lease_until < now())
            and c.status = 'active' and (c.blocked_until is null or c.blocked_until <= now())
            ${connectionId === undefined ? sql`` : sql`and s.connection_id = ${connectionId}`}
          order by s.next_attempt_at
          limit ${limit}
          for update of s skip locked
        ) due
        where l.connection_id = due.connection_id and l.entry_id = due.entry_id
        returning l.*`,
  );
  return rows.map(toLink);
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
const json = <T>(v: unknown): T | null => (v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

function toLink(r: RawLink): EntrySyncLink {
  return {
    connectionId: Number(r.connection_id),
    entryId: Number(r.entry_id),
    userId: Number(r.user_id),
    state: r.state as EntrySyncLink["state"],
    version: Number(r.version),
    syncedVersion: Number(r.synced_version),
    remoteId: (r.remote_id as string | null) ?? null,
    remoteMeta: json(r.remote_meta),
    attempt: json(r.attempt),
    attempts: Number(r.attempts),
    nextAttemptAt: date(r.next_attempt_at)!,
    leaseUntil: date(r.lease_until),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    syncedAt: date(r.synced_at),
    updatedAt: date(r.updated_at)!,
  };
}
