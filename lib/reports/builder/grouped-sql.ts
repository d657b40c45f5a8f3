import { sql, type SQL } from "drizzle-orm";
import type { GroupKey } from "./query-schema";
import { roundSeconds, type Rounding } from "./rounding";

/** A group's key over a row `x` of `parts` (tg: its tags, joined when grouping by tag). */
export function keySql(key: GroupKey, weekStart: number): SQL {
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
      return sql`tg.tag_id`;
    case "day":
      return sql`x.day`;
    // The week's first local day by the user's week start (0 = Sunday), as the Timer page's weeks.
    case "week":
      return sql`(x.day - ((extract(dow from x.day)::int - ${sql.raw(String(weekStart))} + 7) % 7))`;
    case "month":
      return sql`date_trunc('month', x.day)::date`;
  }
}

const SUMS = sql.raw(`sum(seconds) as seconds, sum(billable_seconds) as billable_seconds,
  sum(rounded_seconds) as rounded_seconds, sum(rounded_billable_seconds) as rounded_billable_seconds,
  sum(amount) as amount, sum(rounded_amount) as rounded_amount`);

/**
 * One aggregation of `parts` by `keys` (k1, k2 ... as text), rounded at this level and only here
 * (rounding.ts): per entry, each (group, entry) piece; per group, each group's raw sum. Amounts are
 * numeric, rounded to the cent per row. `entries`: distinct entries per group.
 */
export function aggregateSql(keys: GroupKey[], weekStart: number, r: Rounding): SQL {
  const exprs = keys.map((k) => keySql(k, weekStart));
  const cols = keys.length ? sql.join(exprs.map((e, i) => sql`${e} as k${sql.raw(String(i + 1))}`), sql`, `) : sql`1 as k0`;
  const names = keys.length ? sql.raw(keys.map((_, i) => `k${i + 1}`).join(", ")) : sql.raw("k0");
  const tagJoin = keys.includes("tag") ? sql`left join time_entry_tags tg on tg.entry_id = x.id` : sql``;
  const cents = (v: SQL) => sql`round(${v}, 2)`;
  if (r.mode !== "none" && r.scope === "entry") {
    const rounded = roundSeconds(r, sql`p.s`);
    return sql`
      select ${names}, sum(p.s) as seconds, sum(p.b) as billable_seconds,
             sum(${rounded}) as rounded_seconds, sum(case when p.billable then ${rounded} else 0 end) as rounded_billable_seconds,
             ${cents(sql`sum(p.b * p.rate) / 3600`)} as amount,
             ${cents(sql`sum(case when p.billable then ${rounded} else 0 end * p.rate) / 3600`)} as rounded_amount,
             count(*) as entries
      from (
        select ${cols}, x.id, x.billable, x.rate, sum(x.seconds) as s, sum(case when x.billable then x.seconds else 0 end) as b
        from parts x ${tagJoin}
        group by ${names}, x.id, x.billable, x.rate
      ) p
      group by ${names}`;
  }
  const seconds = sql`g.seconds`;
  const billable = sql`g.billable_seconds`;
  return sql`
    select ${names}, g.seconds, g.billable_seconds,
           ${roundSeconds(r, seconds)} as rounded_seconds, ${roundSeconds(r, billable)} as rounded_billable_seconds,
           ${cents(sql`g.amount`)} as amount,
           -- Per group, the rounded amount keeps the group's mean rate: exact when it has one rate.
           ${cents(r.mode === "none" ? sql`g.amount` : sql`case when g.billable_seconds = 0 then g.amount else g.amount * ${roundSeconds(r, billable)} / g.billable_seconds end`)} as rounded_amount,
           g.entries
    from (
      select ${cols}, sum(x.seconds) as seconds, sum(case when x.billable then x.seconds else 0 end) as billable_seconds,
             sum(case when x.billable then x.seconds else 0 end * x.rate) / 3600 as amount, count(distinct x.id) as entries
      from parts x ${tagJoin}
      group by ${names}
    ) g`;
}

/**
 * The grouped report's rows after the ctes of entries-sql.ts: `level` 2 (both keys), 1 (the first key) and
 * 0 (the totals). Subtotals and totals add the finest rows' rounded values and cents, except where a tag
 * level lies below them: an entry with two tags sits in two tag groups, so those sums come from the same
 * aggregation without the tag level (an entry counts once).
 */
export function groupedSql(keys: GroupKey[], weekStart: number, r: Rounding): SQL {
  const [k1, k2] = keys;
  const leaves = aggregateSql(keys, weekStart, r);
  // A first-level group's entries are counted on their own: an entry across midnight is in two day groups.
  const firstTagJoin = k1 === "tag" ? sql`left join time_entry_tags tg on tg.entry_id = x.id` : sql``;
  const counted = sql`(select ${keySql(k1, weekStart)} as k1, count(distinct x.id) as entries from parts x ${firstTagJoin} group by 1)`;
  const levelOne = k2
    ? k2 === "tag"
      ? aggregateSql([k1], weekStart, r)
      : sql`select s.*, c.entries from (select k1, ${SUMS} from leaves group by k1) s join ${counted} c on c.k1 is not distinct from s.k1`
    : null;
  const untagged = keys.filter((k) => k !== "tag");
  const totals = keys.includes("tag") ? sql`select ${SUMS} from (${aggregateSql(untagged, weekStart, r)}) u` : sql`select ${SUMS} from leaves`;
  const out = (cols: string) => sql.raw(`seconds::float8 as seconds, billable_seconds::float8 as billable_seconds, rounded_seconds::float8 as rounded_seconds,
      rounded_billable_seconds::float8 as rounded_billable_seconds, amount::text as amount, rounded_amount::text as rounded_amount, ${cols}`);
  return sql`,
    leaves as (${leaves})
    select ${sql.raw(k2 ? "2" : "1")} as level, k1::text as k1, ${k2 ? sql`k2::text` : sql`null::text`} as k2, ${out("entries::int as entries")} from leaves
    ${levelOne ? sql`union all select 1, k1::text, null, ${out("entries::int")} from (${levelOne}) l1` : sql``}
    union all select 0, null, null, ${out("(select count(distinct id) from parts)::int")} from (${totals}) tot`;
}
