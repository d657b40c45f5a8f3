import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { cursorId, cursorMicros, decodeCursor, encodeCursor } from "@/lib/api/cursor";
import type { MemberActor } from "@/lib/workspaces/actor";
import { reportContext, type ReportContext } from "./access";
import { reportCtes } from "./entries-sql";
import type { DetailedReportQuery, ReportFilters } from "./query-schema";
import { roundSeconds } from "./rounding";
import { reportRows } from "./run-sql";

const CURSOR_KIND = "report-entries";

type SqlRow = {
  id: number;
  user_id: number;
  user_name: string;
  project_id: number | null;
  project_name: string | null;
  project_hidden: boolean | null;
  client_id: number | null;
  client_name: string | null;
  task_id: number | null;
  task_name: string | null;
  tags: string[] | null;
  description: string;
  start_at: Date | string;
  end_at: Date | string | null;
  start_micros: string;
  billable: boolean;
  seconds: number;
  rounded_seconds: number | null;
  rate: string | null;
  amount: string | null;
  rounded_amount: string | null;
};

export type ReportEntry = {
  id: number;
  user_id: number;
  user: string;
  project_id: number | null;
  project: string | null;
  client_id: number | null;
  client: string | null;
  task_id: number | null;
  task: string | null;
  tags: string[];
  description: string;
  start_time: string;
  /** Null while the timer runs (its time counts up to now). */
  end_time: string | null;
  billable: boolean;
  /** The entry's seconds inside the report's range (by the day rule: an entry across the range's edge counts its part). */
  seconds: number;
  /** Rounded per entry; null when the report rounds per group (see the grouped report) . */
  rounded_seconds: number | null;
  hourly_rate: number | null;
  amount: number | null;
  rounded_amount: number | null;
};

const iso = (v: Date | string | null) => (v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString());
const num = (v: string | null) => (v === null ? null : Number(v));

/** The SQL of one page of entries after `after` (their start and id), `limit` of them, oldest first. */
function pageSql(ctx: ReportContext, after: readonly [string, number] | null, limit: number): SQL {
  const afterSql = after ? sql`(t.start_at, t.id) > ('epoch'::timestamptz + ${after[0]}::bigint * interval '1 microsecond', ${after[1]}::int)` : undefined;
  const r = ctx.rounding;
  const perEntry = r.mode !== "none" && r.scope === "entry";
  const rounded = perEntry ? roundSeconds(r, sql`s.seconds`) : r.mode === "none" ? sql`s.seconds` : sql`null::numeric`;
  return sql`${reportCtes(ctx.scope, { page: { after: afterSql, limit }, rates: true })},
    s as (select id, sum(seconds) as seconds from parts group by id)
    select e.id, e.user_id, u.name as user_name, e.project_id, p.name as project_name,
           (p.private and not ${ctx.seesPrivate} and not exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${ctx.actorId})) as project_hidden,
           e.client_id, c.name as client_name, e.task_id, k.name as task_name,
           (select array_agg(g.name order by lower(g.name)) from time_entry_tags et join tags g on g.id = et.tag_id where et.entry_id = e.id) as tags,
           te.description, e.start_at, te.end_at,
           (extract(epoch from e.start_at) * 1000000)::bigint::text as start_micros,
           e.billable, coalesce(s.seconds, 0)::float8 as seconds, (${rounded})::float8 as rounded_seconds, round(e.rate_cents::numeric / 100, 2)::text as rate,
           round(case when e.billable then coalesce(s.seconds, 0) else 0 end * e.rate_cents::numeric / 360000, 2)::text as amount,
           ${perEntry || r.mode === "none" ? sql`round(case when e.billable then ${rounded} else 0 end * e.rate_cents::numeric / 360000, 2)::text` : sql`null::text`} as rounded_amount
    from e
    join time_entries te on te.id = e.id
    left join s on s.id = e.id
    join users u on u.id = e.user_id
    left join projects p on p.id = e.project_id
    left join clients c on c.id = e.client_id
    left join tasks k on k.id = e.task_id
    order by e.start_at, e.id`;
}

function toEntry(r: SqlRow): ReportEntry {
  const hidden = !!r.project_hidden;
  return {
    id: r.id,
    user_id: r.user_id,
    user: r.user_name,
    project_id: r.project_id,
    project: hidden ? "Private project" : r.project_name,
    client_id: r.client_id,
    client: hidden ? null : r.client_name,
    task_id: r.task_id,
    task: hidden ? null : r.task_name,
    tags: r.tags ?? [],
    description: r.description,
    start_time: iso(r.start_at)!,
    end_time: iso(r.end_at),
    billable: r.billable,
    seconds: Number(r.seconds),
    rounded_seconds: r.rounded_seconds === null ? null : Number(r.rounded_seconds),
    hourly_rate: num(r.rate),
    amount: num(r.amount),
    rounded_amount: num(r.rounded_amount),
  };
}

async function page(db: Db, ctx: ReportContext, after: readonly [string, number] | null, limit: number) {
  // With the report's settings (run-sql.ts: work_mem, a plan for this page's own bounds). The split's estimate
  // once priced a page of 5,000 high enough for the JIT compiler (~0.9 s per export batch for a ~50 ms
  // statement): JIT is now off for every connection (db/index.ts).
  const rows = await reportRows<SqlRow>(db, pageSql(ctx, after, limit + 1));
  const more = rows.length > limit;
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { entries: kept.map(toEntry), next: more && last ? ([last.start_micros, Number(last.id)] as const) : null };
}

/**
 * The detailed report: the entries behind a report (same filters, range and rounding), oldest first, each
 * with its seconds in the range, rate, amount and rounded duration; a keyset page in SQL (start, id), so
 * a deep page costs what the first does.
 */
export async function detailedReport(db: Db, actor: MemberActor, q: DetailedReportQuery, now: Date = new Date()) {
  const decoded = q.cursor ? decodeCursor(CURSOR_KIND, q.cursor, [cursorMicros, cursorId] as const) : null;
  const after = decoded ? ([decoded[0], decoded[1]] as const) : null;
  const ctx = await reportContext(db, actor, q, now);
  const { entries, next } = await page(db, ctx, after, q.per_page);
  return {
    start_date: ctx.range.start,
    end_date: ctx.range.end,
    range: ctx.range.preset,
    time_zone: ctx.timezone,
    currency: ctx.currency,
    rounding: ctx.rounding,
    entries,
    pagination: { per_page: q.per_page, next_cursor: next ? encodeCursor(CURSOR_KIND, next) : null },
  };
}

/**
 * Every entry of a report, in batches of `batch` read by keyset (constant memory): what the CSV export
 * streams from. The policy is checked once, before the first batch; `now` is fixed for the whole run so
 * a running entry counts the same in every batch.
 */
export async function* reportEntries(db: Db, actor: MemberActor, q: ReportFilters, opts: { now?: Date; batch?: number } = {}): AsyncGenerator<ReportEntry> {
  const ctx = await reportContext(db, actor, q, opts.now ?? new Date());
  let after: readonly [string, number] | null = null;
  do {
    const { entries, next } = await page(db, ctx, after, opts.batch ?? 1000);
    yield* entries;
    after = next;
  } while (after);
}
