import { sql, type SQL } from "drizzle-orm";
import { entryEndSql, scanWhereSql, splitPartsSql, type ReportScope } from "./entries-sql";
import { localDaySql, localOffsetSql } from "./local-days";
import { TIME_KEYS, type GroupKey } from "./query-schema";
import { RATE, rateCtes, rateJoins } from "./rates";
import { roundSeconds, type Rounding } from "./rounding";

/**
 * The day number (since 1970-01-01) of the finest time group of an entry that lies in local day z.sday: the
 * day, or its week's first day (by the user's week start), or its month's first day (of the months of the
 * range, by width_bucket). Fewer, coarser groups when the report asks for weeks or months only.
 */
function timeKeySql(keys: GroupKey[], weekStart: number, start: string, end: string): SQL {
  if (keys.includes("day") || (keys.includes("week") && keys.includes("month"))) return sql`z.sday`;
  // 1970-01-01 was a Thursday (4); sday % 7 is negative before 1970, hence + 7 (and + 7 again for the week start).
  if (keys.includes("week")) return sql`z.sday - (z.sday % 7 + ${sql.raw(String(18 - weekStart))}) % 7`;
  const months: number[] = [];
  for (let m = `${start.slice(0, 7)}-01`; m < end; m = addMonths(m, 1)) months.push(Date.parse(m) / 86_400_000);
  const arr = `{${months.join(",")}}`;
  // Only whole entries use it, and they lie in the range: width_bucket is at least 1.
  return sql`(${arr}::int[])[width_bucket(z.sday, ${arr}::int[])]`;
}

const addMonths = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The grouped report's input, by Stint's one day rule (lib/reports/day-parts.ts), in one read of the entries:
 * the common table expressions (after `with`)
 *   q(day, id, user_id, project_id, client_id, task_id, tags, billable, rate_cents, split, first_day, seconds, rs, n)
 * where a row is either
 *   - whole entries that lie in one local day (split false, id null): n of them with the same keys, their
 *     seconds and (rounding per entry) rs, the sum of their rounded seconds; or
 *   - one part of an entry across local midnight or the range's edge (split true, id set, n = 1): its whole
 *     seconds in that local day of the range (splitPartsSql, as the detailed report splits).
 * Only the columns `keys` group by are set, the others are null; day only for a time key (for whole entries
 * grouped by week or month only: that week's or month's first day).
 *
 * What makes it cheap enough for a year of a team (~200,000 entries), per entry: no zone conversion (the
 * local day by arithmetic, local-days.ts), float seconds (exact to the microsecond, see below) instead of
 * numeric, and an aggregation straight to the keys, before labels or clients are joined: entries of one group
 * and rate are added up in integers, the few split ones kept apart (their id is part of the grouping key).
 * The rate is joined per entry only when days make the groups many (a day × every project and member would be
 * most of the entries); otherwise the groups carry project and member, and are priced after.
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
    [early && has("client"), "z.client_id", "client_id", "int"],
    [has("task"), "z.task_id", "task_id", "int"],
    [has("tag"), "z.tag_ids", "tags", "int[]"],
    [time, "__TDAY__", "tday", "int"],
    [early, "z.rate_cents", "rate_cents", "bigint"],
    [early, "z.miss_project", "miss_project", "int"],
  ];
  const used = all.filter(([on]) => on);
  const cols = [
    ...used.map(([, expr, name]) => (expr === "__TDAY__" ? sql`${timeKeySql(keys, weekStart, s.start, s.end)} as tday` : sql.raw(`${expr} as ${name}`))),
    sql.raw("z.billable"),
    sql.raw("case when z.split then z.id end as sid"),
  ];
  const fcols = (a: string) => sql.raw(all.map(([on, , name, type]) => (on ? `${a}.${name}` : `null::${type} as ${name}`)).join(", "));
  return sql`
    ${rateCtes(s.workspaceId)},
    ${early ? sql`-- The rate (and client) per (project, member): one hash lookup per entry, on two int4 (PGlite, a 32-bit
    -- build, allocates every int8 and float8 it computes).
    report_rates as materialized (
      select m.project_key, m.user_id, (m.rate * 100)::bigint as rate_cents, p.client_id
      from report_member_rates m join report_project_rates p using (project_key)
    ),` : sql``}
    -- Each entry once: its start in epoch seconds, the zone offsets (local-days.ts) at its start and at its
    -- end, and its duration in float seconds; its tags from its own row (time_entries.tag_ids, sorted, kept by
    -- a trigger: aggregating the range's tag rows cost ~16 % of a tag report). offset 0 keeps them computed
    -- once per entry (the planner would otherwise copy the expressions into each use).
    y as (
      select t.id, t.user_id, t.project_id, t.task_id, t.billable, t.start_at, ${end} as end_at,${has("tag") ? sql` t.tag_ids,` : sql``}
             date_part('epoch', t.start_at) as s, ${localOffsetSql(s.days, sql`t.start_at`)} as cs,
             ${localOffsetSql(s.days, end, true)} as ce, date_part('epoch', ${end} - t.start_at) as dur
      from time_entries t
      where ${scanWhereSql(s, at)}
      offset 0
    ),
    -- sday: the local day number of the start. split: the entry ends on a later local day (s + dur is the end
    -- to well under a microsecond: an entry ending exactly at midnight may be flagged, which the split path
    -- counts the same; none across a midnight is missed). seconds: the whole seconds, rounded half up as
    -- round(extract(epoch ...)) does (dur is exact to well under a microsecond, so the .5 cases are exact).
    -- Inlined into f (no offset 0 here: a third plan node per entry cost more than the few expressions it saves).
    z as (
      select y.id, y.user_id, y.project_id, y.task_id, y.billable, y.start_at, y.end_at,${has("tag") ? sql` y.tag_ids,` : sql``}
             floor((y.s + y.cs) / 86400)::int as sday,
             ceil((y.s + y.dur + y.ce) / 86400) - 1 > floor((y.s + y.cs) / 86400) as split,
             floor(y.dur + 0.5)::int as seconds
             ${early ? sql`, rr.client_id, rr.rate_cents, case when rr.user_id is null then coalesce(y.project_id, 0) end as miss_project` : sql``}
      from y ${early ? sql`left join report_rates rr on rr.project_key = coalesce(y.project_id, 0) and rr.user_id = y.user_id` : sql``}
    ),
    f as materialized (
      select ${sql.join(cols, sql`, `)},
             sum(z.seconds)::bigint as seconds, ${perEntry ? sql`sum(${roundSeconds(r, sql`z.seconds`)})::bigint` : sql`null::bigint`} as rs, count(*) as n
      from z
      group by ${sql.raw(cols.map((_, i) => String(i + 1)).join(", "))}
    ),
    -- Whole entries, and the parts of the split ones (their first local day by the same arithmetic).
    pieces as (
      select ${time ? sql`date '1970-01-01' + f.tday` : sql`null::date`} as day, null::int as id, ${fcols("f")}, f.billable,
             false as split, null::date as first_day, f.seconds, f.rs, f.n
      from f where f.sid is null
      union all
      select g.day, a.sid, ${fcols("a")}, a.billable,
             true, a.first_day, g.seconds, null, 1
      from (select f.*, e.start_at, e.end_at, date '1970-01-01' + ${localDaySql(s.days, sql`e.start_at`)} as first_day
            from f
            -- A split entry's times (its group is its own), looked up by id for those few: carried through the
            -- aggregation as min() they cost every entry (a year by day: 340 -> 327 ms of CPU on PGlite). The
            -- limit keeps the lookup a nested index scan (as a plain join it was planned as a hash of all entries).
            cross join lateral (select t.start_at, ${end} as end_at from time_entries t where t.id = f.sid limit 1) e
            where f.sid is not null) a
      cross join lateral (${splitPartsSql(s, "a")}) g
      where g.seconds > 0
    ),
    q as materialized (
      ${
        early
          ? // A former member's entries (no longer in report_member_rates) take their project's rate.
            sql`select x.day, x.id, x.user_id, x.project_id, coalesce(x.client_id, mp.client_id) as client_id, x.task_id, x.tags, x.billable,
                       case when x.miss_project is null then x.rate_cents else (mp.rate * 100)::bigint end as rate_cents,
                       x.split, x.first_day, x.seconds, x.rs, x.n
                from pieces x left join report_project_rates mp on mp.project_key = x.miss_project`
          : sql`select x.day, x.id, x.user_id, x.project_id, rate_pr.client_id, x.task_id, x.tags, x.billable, (${RATE} * 100)::bigint as rate_cents,
                       x.split, x.first_day, x.seconds, x.rs, x.n
                from pieces x ${rateJoins("x")}`
      }
    )`;
}
