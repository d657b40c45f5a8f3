import { sql, type SQL } from "drizzle-orm";
import { entryEndSql, scanWhereSql, type ReportScope } from "./entries-sql";
import { localOffsetSql } from "./local-days";
import { TIME_KEYS, type GroupKey } from "./query-schema";
import { monthStartSql, weekStartSql, type DayZero } from "./time-keys";
import { RATE, rateCtes, rateJoins } from "./rates";
import { sumRoundedSecondsSql, type Rounding } from "./rounding";

/**
 * Day numbers of f's time groups: days since 1969-12-31 (DAYS), so that an entry's local day is d + a (one
 * addition per entry less than since 1970).
 */
const DAYS: DayZero = { date: "1969-12-31", weekday: 3 };

/**
 * The day number (DAYS) of the finest time group of an entry that lies in local day z.lday: the day, or its
 * week's or its month's first day (time-keys.ts). Fewer, coarser groups when the report asks for weeks or
 * months only. (Only whole entries use it, and they lie in the range.)
 */
function timeKeySql(keys: GroupKey[], weekStart: number, start: string, end: string): SQL {
  if (keys.includes("day") || (keys.includes("week") && keys.includes("month"))) return sql`z.lday`;
  if (keys.includes("week")) return weekStartSql(sql`z.lday`, weekStart, DAYS);
  return monthStartSql(sql`z.lday`, start, end, DAYS);
}

/**
 * The grouped report's input, by Stint's one day rule (lib/reports/day-parts.ts), in one read of the entries:
 * the common table expressions (after `with`)
 *   q(day, id, user_id, project_id, client_id, task_id, sole_tag, multi_tags, billable, rate_cents, split, first_day, seconds, rs, n)
 * where a row is either
 *   - whole entries that lie in one local day (split false, id null): n of them with the same keys, their
 *     seconds and (rounding per entry) rs, the sum of their rounded seconds; or
 *   - an entry across local midnight or the range's edge, in one time group (split true, id set, n = 1): the
 *     whole seconds of its parts in the local days of that group in the range (each part rounded to the second
 *     on its own, as the detailed report splits), on its first part's day; one row per (entry, time group).
 * Only the columns `keys` group by are set, the others are null; day only for a time key (for whole entries
 * grouped by week or month only: that week's or month's first day).
 *
 * What makes it cheap enough for a year of a team (~200,000 entries), per entry: integer arithmetic only, on
 * the entry's instants as whole numbers (time_entries' generated columns, db/schema.ts) and the zone's offsets
 * (local-days.ts), no zone conversion, no float8 or interval (each one allocated in PGlite); and an aggregation
 * straight to the keys, before labels or clients are joined: entries of one group and rate are added up in
 * integers, the few split ones kept apart (their id is part of the grouping key). The rate is joined per
 * entry only when days make the groups many (a day × every project and member would be most of the
 * entries); otherwise the groups carry project and member, and are priced after.
 */
export function reportPiecesSql(s: ReportScope, keys: GroupKey[], weekStart: number, r: Rounding): SQL {
  const at = sql`${s.now.toISOString()}::timestamptz`;
  const perEntry = r.mode !== "none" && r.scope === "entry";
  const time = keys.some((k) => TIME_KEYS.includes(k));
  const has = (k: GroupKey) => keys.includes(k);
  // Early: the rate per entry (a hash join on the small rate tables), groups by rate. Late: groups by
  // project and member, priced after the aggregation.
  const early = time && (has("day") || (has("week") && has("month")));
  const end = entryEndSql(at);
  // The columns f groups by (only those the report needs; pieces fills in the others as nulls).
  const all: [boolean, string, string, string][] = [
    [!early || has("project"), "z.project_id", "project_id", "int"],
    [!early || has("member"), "z.user_id", "user_id", "int"],
    [has("task"), "z.task_id", "task_id", "int"],
    [has("tag"), "z.sole_tag_id", "sole_tag", "int"],
    [has("tag"), "case when z.sole_tag_id < 0 then z.tag_ids end", "multi_tags", "int[]"],
    [time, "__TDAY__", "tday", "int"],
    [early, "z.rate_key", "rate_key", "int"],
  ];
  const used = all.filter(([on]) => on);
  const cols = [
    ...used.map(([, expr, name]) => (expr === "__TDAY__" ? sql`${timeKeySql(keys, weekStart, s.start, s.end)} as tday` : sql.raw(`${expr} as ${name}`))),
    sql.raw("z.billable"),
    sql.raw("case when z.split then z.id end as sid"),
  ];
  const fcols = (a: string) => sql.raw(all.map(([on, , name, type]) => (on ? `${a}.${name}` : `null::${type} as ${name}`)).join(", "));
  // A split entry's parts in one time group of the report (its day, week or month; the range when it has no
  // time key) are added up into one piece, on the first part's day: one piece per (entry, group), so that the
  // aggregation rounds each (rounding per entry) and counts each once without adding up per entry again
  // (every other key is the entry's own). By day each part is a group of its own already.
  const byDay = has("day");
  const partGroup = sql.join([...(has("week") ? [sql`, ${weekStartSql(sql`p.dn`, weekStart)}`] : []), ...(has("month") ? [sql`, ${monthStartSql(sql`p.dn`, s.start, s.end)}`] : [])]);
  // The range's days (days since 1970-01-01) and their local midnights, as PostgreSQL's zone rules put them
  // (local-days.ts, read with the earliest start): the bounds of the split entries' parts.
  const first = sql.raw(String(Date.parse(s.start) / 86_400_000));
  const last = sql.raw(String(Date.parse(s.end) / 86_400_000 - 1));
  const d0 = sql.raw(String(s.days.d0));
  const midnights = sql`(${`{${s.days.midnights.join(",")}}`}::float8[])`;
  // A running entry's end (and one of 20,000 days or more, whose columns are null): computed here, for those
  // few only (coalesce), capped where an int would overflow (such an entry is split: its parts are computed
  // from its instants below, not from these).
  const epoch0 = sql`'1970-01-01 00:00:00+00'::timestamptz`;
  const runningEnd = sql`least(ceil(extract(epoch from ${end} - ${epoch0}) - t.start_utc_day * 86400::numeric), 2000000000)::int`;
  const runningSeconds = sql`least(round(extract(epoch from ${end} - t.start_at)), 2000000000)::int`;
  return sql`
    ${rateCtes(s.workspaceId)},
    ${early ? sql`-- Per (project, member), the rate as a small key: one hash lookup per entry on two int4, and one int4 to
    -- group by instead of the rate in cents (an int8, allocated in PGlite, a 32-bit build) and, for day by
    -- client, the client. A former member (no longer in report_member_rates) takes the project's rate: key
    -- -1 - project_key. rate_keys: each key's rate and client (the project's for those).
    report_rates as materialized (
      select m.project_key, m.user_id, (m.rate * 100)::bigint as rate_cents, p.client_id,
             dense_rank() over (order by (m.rate * 100)::bigint${has("client") ? sql`, p.client_id` : sql``})::int as rate_key
      from report_member_rates m join report_project_rates p using (project_key)
    ),
    rate_keys as materialized (
      select distinct on (rate_key) rate_key, rate_cents, client_id from report_rates
      union all select -1 - project_key, (rate * 100)::bigint, client_id from report_project_rates
    ),` : sql``}
    -- Each entry once: its start's UTC day d, and the local days of its start (a) and end (b) relative to d,
    -- from their seconds since d's UTC midnight moved by the zone's offsets (local-days.ts) at each; its whole
    -- seconds; its tags from its own row (time_entries.tag_ids, sorted, kept by a trigger: aggregating the
    -- range's tag rows cost ~16 % of a tag report), grouped by as sole_tag_id and, only for entries with
    -- several, tag_ids. Inlined into f like z: the planner copies a into each use, and computing it twice costs
    -- less than a plan node per entry (offset 0 did: a year by project and member, 213 -> 195 ms on PGlite).
    y as (
      select t.id, t.user_id, t.project_id, t.task_id, t.billable,${has("tag") ? sql` t.sole_tag_id, t.tag_ids,` : sql``}
             t.start_utc_day as d, (t.start_utc_second + ${localOffsetSql(s.days, sql`t.start_at`, { type: "int", plus: 86400 })}) / 86400 as a,
             (coalesce(t.end_utc_second, ${runningEnd}) + ${localOffsetSql(s.days, end, { endOf: true, type: "int", plus: 86399 })}) / 86400 as b,
             coalesce(t.duration_seconds, ${runningSeconds}) as seconds
      from time_entries t
      where ${scanWhereSql(s, at)}
    ),
    -- lday: the local day of the start (DAYS; a - 1 days from d: the start's local second of d's UTC day lies
    -- within a day of its midnight, and + 86400 keeps the integer division a floor). split: the local day the
    -- entry ends in (b - 1 from d, ceil - 1: an end at midnight is the day before's) is a later one.
    z as (
      select y.id, y.user_id, y.project_id, y.task_id, y.billable,${has("tag") ? sql` y.sole_tag_id, y.tag_ids,` : sql``}
             y.d + y.a as lday,
             y.b > y.a as split,
             y.seconds
             ${early ? sql`, coalesce(rr.rate_key, -1 - coalesce(y.project_id, 0)) as rate_key` : sql``}
      from y ${early ? sql`left join report_rates rr on rr.project_key = coalesce(y.project_id, 0) and rr.user_id = y.user_id` : sql``}
    ),
    f as materialized (
      select ${sql.join(cols, sql`, `)},
             sum(z.seconds)::bigint as seconds, ${perEntry ? sql`${sumRoundedSecondsSql(r, sql`z.seconds`)}::bigint` : sql`null::bigint`} as rs, count(*) as n
      from z
      group by ${sql.raw(cols.map((_, i) => String(i + 1)).join(", "))}
    ),
    -- Whole entries, and the parts of the split ones: each local day of the range between the entry's first
    -- (fd) and last (ld), the seconds between its instants and the day's midnights (float8 epoch seconds:
    -- exact to well under a microsecond, and exact where a half second is at stake, so floor(+ 0.5) rounds
    -- half up as round(numeric) does).
    pieces as (
      select ${time ? sql`${DAYS.date}::date + f.tday` : sql`null::date`} as day, null::int as id, ${fcols("f")}, f.billable,
             false as split, null::date as first_day, f.seconds, f.rs, f.n
      from f where f.sid is null
      union all
      select date '1970-01-01' + ${byDay ? sql`p.dn` : sql`min(p.dn)`}, a.sid, ${fcols("a")}, a.billable,
             true, date '1970-01-01' + a.fd, ${byDay ? sql`p.seconds` : sql`sum(p.seconds)`}, null, 1
      from (select f.*, e.s, e.e,
                   floor((e.s + ${localOffsetSql(s.days, sql`e.start_at`)}) / 86400)::int as fd,
                   ceil((e.e + ${localOffsetSql(s.days, sql`e.end_at`, { endOf: true })}) / 86400)::int - 1 as ld
            from f
            -- A split entry's instants (its group is its own), looked up by id for those few, in one index scan
            -- (carried through the aggregation as min() they cost every entry; a lookup per entry cost ~3 % of a
            -- year's report by day on PGlite).
            join (
              select t.id, t.start_at, x.end_at, date_part('epoch', t.start_at) as s, date_part('epoch', x.end_at) as e
              from time_entries t cross join lateral (select ${end} as end_at) x
              where t.id = any(array(select f.sid from f where f.sid is not null))
            ) e on e.id = f.sid
            where f.sid is not null) a
      cross join lateral generate_series(greatest(a.fd, ${first}), least(a.ld, ${last})) as g(dn)
      cross join lateral (
        select g.dn, floor(least(a.e, ${midnights}[g.dn - ${d0} + 2]) - greatest(a.s, ${midnights}[g.dn - ${d0} + 1]) + 0.5)::int as seconds
      ) p
      where p.seconds > 0
      ${byDay ? sql`` : sql`group by a.sid, ${sql.raw(used.map(([, , name]) => `a.${name}`).join(", "))}, a.billable, a.fd${partGroup}`}
    ),
    -- Read once per aggregation (grouped-sql.ts): kept (materialized) only when grouping by tag makes that
    -- two or three; otherwise each aggregation's branch reads only its half of the pieces (split or not), and
    -- the rows are not stored in between (a year by day: ~4 % of its time on PGlite).
    q as ${has("tag") ? sql`materialized` : sql`not materialized`} (
      ${
        early
          ? sql`select x.day, x.id, x.user_id, x.project_id, rk.client_id, x.task_id, x.sole_tag, x.multi_tags, x.billable, rk.rate_cents,
                       x.split, x.first_day, x.seconds, x.rs, x.n
                from pieces x left join rate_keys rk on rk.rate_key = x.rate_key`
          : sql`select x.day, x.id, x.user_id, x.project_id, rate_pr.client_id, x.task_id, x.sole_tag, x.multi_tags, x.billable, (${RATE} * 100)::bigint as rate_cents,
                       x.split, x.first_day, x.seconds, x.rs, x.n
                from pieces x ${rateJoins("x")}`
      }
    )`;
}
