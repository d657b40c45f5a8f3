import { and, asc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { changeTombstones } from "@/db/schema";
import { cursorBigint, decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { AppError } from "@/lib/errors";
import { assertDeletionsKept } from "./retention";

// The change feed (`updated_since`, then `cursor`): what changed in a list since a point, oldest first.
//
// Order is (change_xid, change_seq): the writing transaction's id, then the sequence value each insert and
// update took (triggers of migration 0011). A reader serves only changes of transactions older than the
// oldest one still running (pg_snapshot_xmin of the current snapshot), so every change it serves is
// committed, and every change that commits later has a higher position than anything served: a cursor
// never jumps over a transaction that took a lower sequence value but had not committed yet (ordering by
// change_seq alone would). A long transaction delays the feed; it never makes it lose a change.

export type FeedKind = "time_entries" | "projects" | "clients" | "tasks" | "tags";
const TOMBSTONE_KIND: Record<FeedKind, string> = { time_entries: "time_entry", projects: "project", clients: "client", tasks: "task", tags: "tag" };

type Position = { xid: string; seq: string };
export type FeedQuery = { updated_since?: string; cursor?: string; include_deleted?: boolean; per_page: number };
export type Tombstone = { id: number; deleted: true; deleted_at: string };

const cursorKind = (kind: FeedKind) => `feed:${kind}`;

/**
 * Whether a list request asks for the feed: `updated_since`, or a cursor the feed gave (the entry list has
 * cursors of its own; on the other lists every cursor is the feed's, and a bad one a 400 there).
 */
export function wantsFeed(kind: FeedKind, q: { updated_since?: string; cursor?: string }): boolean {
  if (q.updated_since !== undefined) return true;
  if (!q.cursor) return false;
  if (kind !== "time_entries") return true;
  try {
    return (JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as unknown[])[0] === cursorKind(kind);
  } catch {
    return false; // the list's own cursor check answers 400
  }
}

/** Where a feed request starts: after a cursor's position, or at the changes from `updated_since` on. */
export function feedStart(kind: FeedKind, q: FeedQuery): { after?: Position; since?: Date } {
  if (q.cursor) {
    const [xid, seq] = decodeCursor(cursorKind(kind), q.cursor, [cursorBigint, cursorBigint] as const);
    return { after: { xid, seq } };
  }
  const since = new Date(q.updated_since ?? "");
  if (!q.updated_since || !/^\d{4}-\d\d-\d\dT/.test(q.updated_since) || Number.isNaN(since.getTime())) {
    throw AppError.validation({ updated_since: ["Use an ISO 8601 date-time with its offset, like 2026-11-20T09:30:00Z."] });
  }
  return { since };
}

/**
 * Transactions below this id have all finished, as far as this database goes: their changes are final (see
 * the top of this file). That is the oldest transaction of this database still running (pg_stat_activity's
 * backend_xid, prepared ones too), else the snapshot's xmax. Not pg_snapshot_xmin: it spans the whole
 * server, and one long transaction in another database (another app, a test run) would stall the feed.
 */
export async function changeHorizon(db: Db): Promise<string> {
  const [row] = await queryRows<{ horizon: string }>(
    db,
    sql`select coalesce(
          (select min(x) from pg_snapshot_xip(s.snap) x
            where (x::text::numeric % 4294967296) in (
              select a.backend_xid::text::numeric from pg_stat_activity a where a.datname = current_database() and a.backend_xid is not null
              union all
              select p.transaction::text::numeric from pg_prepared_xacts p where p.database = current_database())),
          pg_snapshot_xmax(s.snap))::text as horizon
        from (select pg_current_snapshot() as snap) s`,
  );
  return row.horizon;
}

type ChangeColumns = { changeXid: AnyColumn; changeSeq: AnyColumn; changedAt: AnyColumn };

/** The feed's condition on a table with change columns: settled, after the start, in feed order. */
export function changedAfter(t: ChangeColumns, start: { after?: Position; since?: Date }, horizon: string): SQL {
  return and(
    sql`${t.changeXid} < ${horizon}::xid8`,
    start.after ? sql`(${t.changeXid}, ${t.changeSeq}) > (${start.after.xid}::xid8, ${start.after.seq}::bigint)` : undefined,
    start.since ? sql`${t.changedAt} >= ${start.since.toISOString()}::timestamptz` : undefined,
  ) as SQL;
}

export const feedOrder = (t: ChangeColumns) => [asc(t.changeXid), asc(t.changeSeq)];

/** Deletions of `kind` in a workspace after the start, narrowed by `audience` (who may learn of them). */
export async function tombstonesAfter(db: Db, kind: FeedKind, workspaceId: number, audience: SQL | undefined, start: { after?: Position; since?: Date }, horizon: string, limit: number) {
  const t = changeTombstones;
  const rows = await db
    .select({ id: t.id, deletedAt: t.deletedAt, changeXid: t.changeXid, changeSeq: t.changeSeq })
    .from(t)
    .where(and(eq(t.workspaceId, workspaceId), eq(t.kind, TOMBSTONE_KIND[kind]), audience, changedAfter(t, start, horizon)))
    .orderBy(...feedOrder(t))
    .limit(limit);
  return rows.map((r) => ({ position: { xid: r.changeXid, seq: String(r.changeSeq) }, item: { id: r.id, deleted: true as const, deleted_at: r.deletedAt.toISOString() } }));
}

const before = (a: Position, b: Position) => {
  const x = BigInt(a.xid) - BigInt(b.xid);
  return x !== 0n ? x < 0n : BigInt(a.seq) < BigInt(b.seq);
};

/**
 * One page of the feed from rows and tombstones (each read with `per_page + 1` rows, in feed order): the
 * first `per_page` changes of both, and the cursor after the last one served (after the start when none
 * was: a reader keeps polling with it).
 */
export function feedPage<T>(kind: FeedKind, start: { after?: Position }, horizon: string, rows: { position: Position; item: T }[], tombstones: { position: Position; item: Tombstone }[], perPage: number) {
  const merged = [...rows, ...tombstones].sort((a, b) => (before(a.position, b.position) ? -1 : before(b.position, a.position) ? 1 : 0));
  const page = merged.slice(0, perPage);
  // Nothing new: resume from the horizon (nothing below it can still appear), else from the start.
  const last = page.at(-1)?.position ?? start.after ?? { xid: String(BigInt(horizon) - 1n), seq: String(2n ** 63n - 1n) };
  return { items: page.map((c) => c.item), next_cursor: encodeCursor(cursorKind(kind), [last.xid, last.seq]), has_more: merged.length > perPage };
}

const FEED_PARAMETERS = new Set(["updated_since", "cursor", "include_deleted", "per_page", "page"]);

/**
 * The feed returns every change of the list (a sync client filters on its side); a filter sent along would be
 * ignored and hand back rows the caller asked to leave out, so it is a 400 that names it. `page` is the
 * list's default only: the feed pages by cursor.
 */
function assertNoListFilters(q: FeedQuery, honoured: readonly string[]): void {
  const refused = Object.entries(q as Record<string, unknown>)
    .filter(([key, value]) => value !== undefined && !FEED_PARAMETERS.has(key) && !honoured.includes(key))
    .map(([key]) => key);
  if ((q as { page?: number }).page !== undefined && (q as { page?: number }).page !== 1) refused.push("page");
  if (refused.length) {
    throw AppError.validation(
      Object.fromEntries(refused.map((key) => [key, [`The change feed (updated_since, or its cursor) returns every change of the list and takes no ${key}: leave it out and filter on your side.`]])),
    );
  }
}

/**
 * One page of a list's feed: `rows` reads the list's rows that changed (given the condition to add and how
 * many), `position` says where a row stands; tombstones of the workspace narrowed by `audience` join in
 * with include_deleted.
 */
export async function changeFeed<T>(
  db: Db,
  kind: FeedKind,
  q: FeedQuery,
  opts: {
    workspaceId: number;
    audience?: SQL;
    rows: (changed: (t: ChangeColumns) => SQL, limit: number) => Promise<T[]>;
    position: (row: T) => { changeXid: string; changeSeq: number };
    /** The list's parameters the feed honours besides its own (e.g. the entries' `user_id`). */
    filters?: readonly string[];
  },
) {
  assertNoListFilters(q, opts.filters ?? []);
  const start = feedStart(kind, q);
  if (q.include_deleted) await assertDeletionsKept(db, opts.workspaceId, start);
  const horizon = await changeHorizon(db);
  const [rows, deleted] = await Promise.all([
    opts.rows((t) => changedAfter(t, start, horizon), q.per_page + 1),
    q.include_deleted ? tombstonesAfter(db, kind, opts.workspaceId, opts.audience, start, horizon, q.per_page + 1) : [],
  ]);
  const changed = rows.map((row) => {
    const p = opts.position(row);
    return { position: { xid: p.changeXid, seq: String(p.changeSeq) }, item: row };
  });
  return feedPage(kind, start, horizon, changed, deleted, q.per_page);
}
