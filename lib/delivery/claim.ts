import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db";

/** Long enough for a rate-limited remote call with its timeout; a crashed worker's work waits this long. */
export const DEFAULT_LEASE_SECONDS = 120;

type LeasedTable = PgTable & { leaseUntil: PgColumn; leaseOwner: PgColumn; nextAttemptAt: PgColumn };

/**
 * A queue of the delivery engine: rows of `table` (alias `q` in the SQL pieces) that are due, joined to
 * their owner (alias `o`: a connection, a webhook endpoint) whose state may hold them back.
 */
export type DeliveryQueue<T extends LeasedTable> = {
  table: T;
  /** The columns that identify a row. */
  key: PgColumn[];
  /** `<table> q join <owner> o on …` */
  from: SQL;
  /** The row is waiting and its time has come, e.g. `q.state = 'pending' and q.next_attempt_at <= now()`. */
  due: SQL;
  /** The owner lets its rows go out (active, not paused by a 429, …). */
  ownerReady: SQL;
};

/**
 * Claims up to `limit` due rows of a queue for this worker. `FOR UPDATE SKIP LOCKED` lets any number of
 * workers (app instances, `stint sync run` processes) claim side by side without waiting on or taking each
 * other's rows; the lease then keeps the row theirs after this short transaction, without holding a lock
 * during the remote calls. A row whose lease ran out (its worker died) is due again.
 */
export async function claimDue<T extends LeasedTable>(
  db: Db,
  queue: DeliveryQueue<T>,
  opts: { workerId: string; limit: number; leaseSeconds?: number; where?: SQL },
): Promise<T["$inferSelect"][]> {
  const keyNames = sql.join(queue.key.map((c) => sql`q.${sql.identifier(c.name)}`), sql`, `);
  const due = sql`select ${keyNames} from ${queue.from}
    where ${queue.due} and (q.lease_until is null or q.lease_until < now()) and ${queue.ownerReady}
      ${opts.where ? sql`and ${opts.where}` : sql``}
    order by q.next_attempt_at
    limit ${opts.limit}
    for update of q skip locked`;
  const t = queue.table as LeasedTable;
  const leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const claimed = await db
    .update(t)
    .set({ leaseUntil: sql`now() + ${`${leaseSeconds} seconds`}::interval`, leaseOwner: opts.workerId } as never)
    .where(sql`(${sql.join(queue.key, sql`, `)}) in (${due})`)
    .returning();
  return claimed as T["$inferSelect"][];
}
