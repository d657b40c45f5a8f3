import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";

// Deletions stay in the feed (change_tombstones) for FEED_RETENTION_DAYS; rows that still exist are in it
// for ever (their change columns). A sync client that polls at least that often never notices; one that
// comes back later is told to list everything again, rather than keeping rows deleted meanwhile.

export const FEED_RETENTION_DAYS = 90;
const BATCH = 5_000;

/**
 * Purges tombstones older than the retention, a batch at a time, and records per workspace the newest
 * position and time purged (change_feed_purges). Any instance may run it at any time: two at once delete
 * different rows or wait and find none. Returns how many it purged.
 */
export async function purgeOldTombstones(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - FEED_RETENTION_DAYS * 86_400_000).toISOString();
  let purged = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from change_tombstones where (kind, id) in (
              select kind, id from change_tombstones where deleted_at < ${cutoff}::timestamptz limit ${BATCH})
            returning workspace_id, change_xid, change_seq),
          newest as (
            select distinct on (workspace_id) workspace_id, change_xid, change_seq from gone
            order by workspace_id, change_xid desc, change_seq desc),
          recorded as (
            insert into change_feed_purges as p (workspace_id, purged_before, change_xid, change_seq)
            -- A deleted workspace's rows leave tombstones too; there is no feed left to warn.
            select n.workspace_id, ${cutoff}::timestamptz, n.change_xid, n.change_seq from newest n
            where exists (select 1 from workspaces w where w.id = n.workspace_id)
            on conflict (workspace_id) do update set
              purged_before = greatest(p.purged_before, excluded.purged_before),
              change_xid = case when (excluded.change_xid, excluded.change_seq) > (p.change_xid, p.change_seq) then excluded.change_xid else p.change_xid end,
              change_seq = case when (excluded.change_xid, excluded.change_seq) > (p.change_xid, p.change_seq) then excluded.change_seq else p.change_seq end)
          select count(*)::int as n from gone`,
    );
    purged += Number(row?.n ?? 0);
    if (Number(row?.n ?? 0) < BATCH) return purged;
  }
}

/**
 * A feed that asks for deletions (include_deleted) from before what was purged would miss some: 410, with
 * what to do. `since` is updated_since; `after` a cursor's position.
 */
export async function assertDeletionsKept(db: Db, workspaceId: number, start: { since?: Date; after?: { xid: string; seq: string } }): Promise<void> {
  const [purge] = await queryRows<{ purged_before: string | Date; missed: boolean }>(
    db,
    sql`select purged_before,
          ${start.after ? sql`(change_xid, change_seq) > (${start.after.xid}::xid8, ${start.after.seq}::bigint)` : sql`false`}
          ${start.since ? sql`or purged_before > ${start.since.toISOString()}::timestamptz` : sql``} as missed
        from change_feed_purges where workspace_id = ${workspaceId}`,
  );
  if (!purge?.missed) return;
  const before = new Date(purge.purged_before).toISOString();
  throw new AppError(
    "gone",
    `Deletions from before ${before} are no longer kept (Stint keeps them ${FEED_RETENTION_DAYS} days), so this feed could miss some: list everything again, then follow the feed with updated_since from the time you listed.`,
    { purged_before: before },
  );
}
