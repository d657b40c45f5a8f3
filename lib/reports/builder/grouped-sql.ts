import { sql, type SQL } from "drizzle-orm";
import { TIME_KEYS, type GroupKey } from "./query-schema";
import { roundSeconds, type Rounding } from "./rounding";
import type { ReportScope } from "./entries-sql";
import { reportPiecesSql } from "./pieces-sql";
import { monthStartSql, weekStartSql } from "./time-keys";

/** A group's key over a row `x` of the pieces q (reportPiecesSql; by tag, a row per tag: aggregateSql's `from`). */
export function keySql(key: GroupKey, s: Shape): SQL {
  switch (key) {
    case "client":
      return sql`x.client_id`;
    case "project":
      return sql`x.project_id`;
    case "task":
      return sql`x.task_id`;
    case "member":
      return sql`x.user_id`;
    case "tag":
      return sql`x.tag_id`;
    case "day":
      return sql`x.day`;
    // The week's first local day by the user's week start (0 = Sunday), as the Timer page's weeks; the
    // month's first day. By day numbers (time-keys.ts).
    case "week":
      return sql`date '1970-01-01' + ${weekStartSql(sql`(x.day - date '1970-01-01')`, s.weekStart)}`;
    case "month":
      return sql`date '1970-01-01' + ${monthStartSql(sql`(x.day - date '1970-01-01')`, s.start, s.end)}`;
  }
}

/** What the aggregation needs of a report: its keys, the week start and its local dates (end exclusive). */
type Shape = { keys: GroupKey[]; weekStart: number; start: string; end: string };

/**
 * Whether piece `x` holds its entry's first part in its group of `keys`: counting those counts each entry
 * once per group without a count(distinct) (an entry across midnight has a part on each day). The first
 * part is on the latest of: the entry's first local day, the range's first day, the group's first day.
 */
function firstInGroup(s: Shape, keys: GroupKey[]): SQL {
  const starts = keys.filter((k) => TIME_KEYS.includes(k)).map((k) => keySql(k, s));
  return sql`x.day = greatest(x.first_day, ${s.start}::date${starts.length ? sql`, ${sql.join(starts, sql`, `)}` : sql``})`;
}

/**
 * One aggregation of the pieces `q` (reportPiecesSql) by `keys` (k1, k2 ... as text), rounded at this level and
 * only here (rounding.ts): per entry, each (group, entry) piece; per group, each group's raw sum. `entries`:
 * entries per group; `entries1`: those first in their first-level group, `entries0`: first in the report (so
 * that sums over these rows count each entry once).
 *
 * A piece that is not split holds whole entries (n of them, one part each: first in any group, rounded per
 * entry already); a split one is one entry's parts in one time group (on its first part's day). Seconds are
 * added up in integers by (group, rate in cents) first, so that numeric arithmetic (seconds × rate) runs once
 * per rate of a group. Amounts are numeric, rounded to the cent per group.
 */
export function aggregateSql(s: Shape, keys: GroupKey[], r: Rounding): SQL {
  const exprs = keys.map((k) => keySql(k, s));
  const cols = keys.length ? sql.join(exprs.map((e, i) => sql`${e} as k${sql.raw(String(i + 1))}`), sql`, `) : sql`1 as k0`;
  const names = keys.length ? sql.raw(keys.map((_, i) => `k${i + 1}`).join(", ")) : sql.raw("k0");
  // By tag: a row per tag of each piece (tag_id null without tags). Most have one or none (sole_tag); only those
  // with several are unnested (a set-returning function on every row cost ~5 % of a tag report).
  const from = keys.includes("tag")
    ? sql`(select x.*, nullif(x.sole_tag, 0) as tag_id from q x where x.sole_tag >= 0
           union all select x.*, m.tag_id from q x cross join unnest(x.multi_tags) as m(tag_id) where x.sole_tag < 0) x`
    : sql`q x`;
  const f = firstInGroup(s, keys);
  const f1 = firstInGroup(s, keys.slice(0, 1));
  const f0 = firstInGroup(s, []);
  const cents = (v: SQL) => sql`round(${v}, 2)`;
  const perEntry = r.mode !== "none" && r.scope === "entry";
  // Per (group, rate): seconds, billable seconds, rounded ones (per entry: of each piece), entries; as bigint
  // (sum() of a bigint is a numeric, slower to add up again).
  let sums: SQL;
  if (perEntry) {
    const rs = roundSeconds(r, sql`p.s`);
    // Whole entries come rounded (rs: the sum of their rounded seconds); a split entry's piece is its parts in
    // one time group, added up (pieces-sql.ts): one per (group, entry), rounded here.
    sums = sql`
      select ${cols}, x.rate_cents, sum(x.seconds)::bigint as seconds, sum(case when x.billable then x.seconds else 0 end)::bigint as billable_seconds,
             sum(x.rs)::bigint as rounded_seconds, sum(case when x.billable then x.rs else 0 end)::bigint as rounded_billable_seconds,
             sum(x.n)::bigint as entries, sum(x.n)::bigint as entries1, sum(x.n)::bigint as entries0
      from ${from} where not x.split group by ${names}, x.rate_cents
      union all
      select ${names}, rate_cents, sum(p.s)::bigint as seconds, sum(case when p.billable then p.s else 0 end)::bigint as billable_seconds,
             sum(${rs})::bigint as rounded_seconds, sum(case when p.billable then ${rs} else 0 end)::bigint as rounded_billable_seconds,
             count(*) as entries, count(*) filter (where p.f1) as entries1, count(*) filter (where p.f0) as entries0
      from (select ${cols}, x.rate_cents, x.billable, x.seconds as s, ${f1} as f1, ${f0} as f0 from ${from} where x.split) p
      group by ${names}, rate_cents`;
  } else {
    sums = sql`
      select ${cols}, x.rate_cents, sum(x.seconds)::bigint as seconds, sum(case when x.billable then x.seconds else 0 end)::bigint as billable_seconds,
             sum(case when not x.split then x.n when ${f} then 1 else 0 end)::bigint as entries,
             sum(case when not x.split then x.n when ${f1} then 1 else 0 end)::bigint as entries1,
             sum(case when not x.split then x.n when ${f0} then 1 else 0 end)::bigint as entries0
      from ${from}
      group by ${names}, x.rate_cents`;
  }
  const g = sql`
    select ${names}, sum(a.seconds)::bigint as seconds, sum(a.billable_seconds)::bigint as billable_seconds,
           ${perEntry ? sql`sum(a.rounded_seconds)::bigint as rounded_seconds, sum(a.rounded_billable_seconds)::bigint as rounded_billable_seconds,` : sql``}
           sum(a.billable_seconds::numeric * a.rate_cents) / 360000 as amount,
           ${perEntry ? sql`sum(a.rounded_billable_seconds::numeric * a.rate_cents) / 360000 as rounded_amount,` : sql``}
           sum(a.entries) as entries, sum(a.entries1) as entries1, sum(a.entries0) as entries0
    from (${sums}) a
    group by ${names}`;
  if (perEntry) {
    return sql`select ${names}, seconds, billable_seconds, rounded_seconds, rounded_billable_seconds, ${cents(sql`amount`)} as amount, ${cents(sql`rounded_amount`)} as rounded_amount, entries, entries1, entries0 from (${g}) g`;
  }
  const rb = roundSeconds(r, sql`g.billable_seconds`);
  return sql`
    select ${names}, g.seconds, g.billable_seconds, ${roundSeconds(r, sql`g.seconds`)} as rounded_seconds, ${rb} as rounded_billable_seconds,
           ${cents(sql`g.amount`)} as amount,
           -- Per group, the rounded amount keeps the group's mean rate: exact when it has one rate.
           ${cents(r.mode === "none" ? sql`g.amount` : sql`case when g.billable_seconds = 0 then g.amount else g.amount * ${rb} / g.billable_seconds end`)} as rounded_amount,
           g.entries, g.entries1, g.entries0
    from (${g}) g`;
}

const SUMS = sql.raw(`sum(seconds) as seconds, sum(billable_seconds) as billable_seconds,
  sum(rounded_seconds) as rounded_seconds, sum(rounded_billable_seconds) as rounded_billable_seconds,
  sum(amount) as amount, sum(rounded_amount) as rounded_amount`);

/**
 * The grouped report's statement: its pieces (pieces-sql.ts), then rows of `level` 2 (both keys), 1 (the
 * first key) and 0 (the totals). Subtotals and totals add the finest rows' rounded values and cents, except where a tag
 * level lies below them: an entry with two tags sits in two tag groups, so those sums come from the same
 * aggregation without the tag level (an entry counts once).
 */
export function groupedSql(scope: ReportScope, keys: GroupKey[], weekStart: number, r: Rounding): SQL {
  const s: Shape = { keys, weekStart, start: scope.start, end: scope.end };
  const [k1, k2] = keys;
  const levelOne = k2 ? (k2 === "tag" ? sql`select k1, ${SUMS}, sum(entries) as entries from (${aggregateSql(s, [k1], r)}) a group by k1` : sql`select k1, ${SUMS}, sum(entries1) as entries from leaves group by k1`) : null;
  const totals = keys.includes("tag")
    ? sql`select ${SUMS}, sum(entries0) as entries from (${aggregateSql(s, keys.filter((k) => k !== "tag"), r)}) u`
    : sql`select ${SUMS}, sum(entries0) as entries from leaves`;
  const out = sql.raw(`seconds::float8 as seconds, billable_seconds::float8 as billable_seconds, rounded_seconds::float8 as rounded_seconds,
      rounded_billable_seconds::float8 as rounded_billable_seconds, amount::text as amount, rounded_amount::text as rounded_amount, entries::int as entries`);
  return sql`with ${reportPiecesSql(scope, keys, weekStart, r)},
    leaves as (${aggregateSql(s, keys, r)})
    select ${sql.raw(k2 ? "2" : "1")} as level, k1::text as k1, ${k2 ? sql`k2::text` : sql`null::text`} as k2, ${out} from leaves
    ${levelOne ? sql`union all select 1, k1::text, null, ${out} from (${levelOne}) l1` : sql``}
    union all select 0, null, null, ${out} from (${totals}) tot`;
}
