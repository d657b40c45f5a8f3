import { and, count, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { timeEntries } from "@/db/schema";
import { cursorId, cursorMicros, cursorPage, decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { AppError } from "@/lib/errors";
import { addDays, isValidLocalDate, LOCAL_DATE, startOfLocalDay } from "@/lib/time/period";
import { assertCanOnUser, type MemberActor } from "@/lib/workspaces/actor";
import { overlapping, runningEntryOf, selectEntries, type EntryRow } from "./queries";
import type { ListEntriesQuery } from "./schema";
import { readTime } from "./times";

/** A start_date/end_date filter: a bare date is that whole local day (end_date inclusive). */
function rangeBound(text: string | undefined, tz: string, field: string, isEnd: boolean): Date | undefined {
  if (!text) return undefined;
  if (LOCAL_DATE.test(text)) {
    if (!isValidLocalDate(text)) throw AppError.validation({ [field]: ["Use a date like 2026-11-20."] });
    return startOfLocalDay(isEnd ? addDays(text, 1) : text, tz);
  }
  return readTime(text, tz, field);
}

// Keyset paging: the list's order is (start_at desc, id desc), the tail of the index time_entries_workspace_user_start_idx
// after its (workspace_id, user_id) prefix, so "the rows after this key" is one index seek whatever the page. The key
// travels as microseconds since the epoch (start_at has microseconds; a JS Date would round them away and
// repeat or skip rows that share a millisecond).
const afterKey = sql`(${timeEntries.startAt}, ${timeEntries.id}) < (timestamptz 'epoch' + ${sql.placeholder("afterStart")}::bigint * interval '1 microsecond', ${sql.placeholder("afterId")}::int)`;
const CURSOR_KIND = "entries";

const storedCount = sql`coalesce((select c.finished from time_entry_counts c where c.workspace_id = ${sql.placeholder("workspace")} and c.user_id = ${sql.placeholder("owner")}), 0)
  + (select count(*) from time_entries r where ${runningEntryOf("r", sql.placeholder("owner"), sql.placeholder("workspace"))} and ${sql.placeholder("running")})::int`;

/**
 * Newest first. `page`/`per_page` keep working (TimeTracker clients), but no page reads the rows before it:
 * page N finds the key before its first row on the index alone (no joins, no tag lookups for skipped rows) and,
 * in the same statement, reads its rows after that key, as a `cursor` (the previous answer's next_cursor) does. The
 * total counts the filtered rows only, on the same index between the range's bounds. The actor's zone reads
 * date filters; `user_id` (default: the actor) says whose entries.
 */
export async function listEntries(db: Db, user: MemberActor, q: ListEntriesQuery, now: Date = new Date()) {
  const ownerId = q.user_id ?? user.userId;
  await assertCanOnUser(db, user, "entry.read", ownerId);
  const from = rangeBound(q.start_date, user.timezone, "start_date", false);
  const to = rangeBound(q.end_date, user.timezone, "end_date", true);
  if (from && to && to <= from) throw AppError.validation({ end_date: ["end_date must not be before start_date."] });
  const fromCursor = q.cursor ? decodeCursor(CURSOR_KIND, q.cursor, [cursorMicros, cursorId, cursorPage] as const) : null;
  const page = fromCursor ? fromCursor[2] : q.page;
  // One prepared set per combination of filters; the filters' values are its parameters.
  const shape = `${q.project_id ? "p" : ""}${q.billable === undefined ? "" : "b"}${q.include_active ? "a" : ""}${from ? "f" : ""}${to ? "t" : ""}`;
  // Without filters the total is the member's stored count (time_entry_counts, kept by a trigger) plus the
  // running entry when asked for: five years of entries are not counted on every page.
  const unfiltered = shape === "" || shape === "a";
  const statements = prepared(db, `entries_list_${shape}`, () => {
    const where = and(
      eq(timeEntries.workspaceId, sql.placeholder("workspace")),
      eq(timeEntries.userId, sql.placeholder("owner")),
      q.project_id ? eq(timeEntries.projectId, sql.placeholder("project")) : undefined,
      q.billable === undefined ? undefined : eq(timeEntries.billable, sql.placeholder("billable")),
      q.include_active ? undefined : isNotNull(timeEntries.endAt),
      overlapping(sql.placeholder("owner"), from && sql.placeholder("from"), to && sql.placeholder("to"), sql.placeholder("now")),
    ) as SQL;
    const order = [desc(timeEntries.startAt), desc(timeEntries.id)];
    const rows = (extra?: SQL) =>
      selectEntries(db)
        .where(and(where, extra))
        .orderBy(...order)
        .limit(sql.placeholder("limit"));
    // The key of the row just before page N: an index-only walk over the skipped keys, bare columns only (an
    // expression here would be computed for every skipped row: 3 of page 100's 7 ms on PGlite's thread).
    const keyBefore = db
      .select({ startAt: timeEntries.startAt, id: timeEntries.id })
      .from(timeEntries)
      .where(where)
      .orderBy(...order)
      .limit(1)
      .offset(sql.placeholder("skip"));
    return {
      first: rows().prepare(`entries_list_${shape}`),
      after: rows(afterKey).prepare(`entries_list_after_${shape}`),
      // Page N in one statement: its rows after that key (no key, as past the last page: no rows).
      page: rows(sql`(${timeEntries.startAt}, ${timeEntries.id}) < (${keyBefore})`).prepare(`entries_list_page_${shape}`),
      total: (unfiltered
        ? db.select({ total: sql<number>`${storedCount}` }).from(sql`(select 1) one`)
        : db.select({ total: count() }).from(timeEntries).where(where)
      ).prepare(`entries_count_${shape}`),
    };
  });
  const values = {
    workspace: user.workspaceId,
    owner: ownerId,
    project: q.project_id,
    billable: q.billable,
    from: from?.toISOString(),
    to: to?.toISOString(),
    now: now.toISOString(),
    // One row more than the page: whether there is a next page, without counting.
    limit: q.per_page + 1,
    running: Boolean(q.include_active),
  };
  const rowsOfPage = (): Promise<EntryRow[]> => {
    if (fromCursor) return statements.after.execute({ ...values, afterStart: fromCursor[0], afterId: fromCursor[1] });
    return page > 1 ? statements.page.execute({ ...values, skip: (page - 1) * q.per_page - 1 }) : statements.first.execute(values);
  };
  const [rows, [{ total }]] = await Promise.all([rowsOfPage(), statements.total.execute(values)]);
  const items = rows.slice(0, q.per_page);
  const last = items.at(-1);
  const nextCursor = rows.length > q.per_page && last ? encodeCursor(CURSOR_KIND, [last.startMicros, last.entry.id, page + 1]) : null;
  return { items, total: Number(total), page, nextCursor };
}
