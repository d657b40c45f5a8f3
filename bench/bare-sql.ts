// The SQL Stint sends for the measured endpoints, copied from what drizzle generates (see
// stint-queries.ts, which captures Stint's statements and checks that these still match them).
// The bare server runs exactly these, so the comparison measures everything around the SQL.
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { localDaysSql, type LocalDays } from "@/lib/reports/builder/local-days";

/** The entry columns of lib/entries/queries.ts selectEntries: the whole time_entries row, the names, start_at in microseconds, the tags. */
const ENTRY_COLUMNS = `"time_entries"."id", "time_entries"."workspace_id", "time_entries"."user_id", "time_entries"."project_id", "time_entries"."task_id", "time_entries"."description", "time_entries"."start_at", "time_entries"."end_at", "time_entries"."billable", "time_entries"."source", "time_entries"."tag_ids", "time_entries"."start_utc_day", "time_entries"."start_utc_second", "time_entries"."end_utc_second", "time_entries"."duration_seconds", "time_entries"."sole_tag_id", "time_entries"."created_at", "time_entries"."updated_at", "time_entries"."change_seq", "time_entries"."change_xid", "time_entries"."changed_at", "projects"."name", "projects"."color", "projects"."client_id", "clients"."name", "tasks"."name", "users"."name", (extract(epoch from "time_entries"."start_at") * 1000000)::bigint::text, coalesce((
        select array_agg(t.name order by lower(t.name))
        from time_entry_tags et join tags t on t.id = et.tag_id
        where et.entry_id = "time_entries"."id"), '{}')`;

const ENTRY_FROM = `from "time_entries" inner join "users" on "users"."id" = "time_entries"."user_id" left join "projects" on "projects"."id" = "time_entries"."project_id" left join "clients" on "clients"."id" = "projects"."client_id" left join "tasks" on "tasks"."id" = "time_entries"."task_id"`;

/** The summary's day count is a literal in Stint's SQL (lib/reports/day-parts.ts says why): a placeholder here. */
const LAST_DAY_INDEX = "__LAST_DAY_INDEX__";
/**
 * The zone's offset for a session's start and end (lib/reports/builder/local-days.ts localOffsetSql): one
 * parameter in a zone without an offset change near the range, a `case` of two more per change (DST) otherwise,
 * so the text depends on the zone and the range. Placeholders here, filled by summarySql; the template is
 * numbered as for one parameter each.
 */
const START_OFFSET = "__START_OFFSET__";
const END_OFFSET = "__END_OFFSET__";

export const BARE_SQL = {
  /** lib/tokens/authenticate.ts, the token with its user and role: $1 token hash, $2 limit 1. */
  token: `select "api_tokens"."id", "api_tokens"."workspace_id", "workspace_members"."role", "api_tokens"."scopes", "api_tokens"."expires_at", "api_tokens"."last_used_at", "users"."id", "users"."email", "users"."name", "users"."is_admin", "users"."timezone", "users"."week_start", "users"."runaway_threshold_minutes", "users"."max_entry_minutes", "users"."currency", "users"."created_at", "users"."updated_at" from "api_tokens" inner join "users" on "users"."id" = "api_tokens"."user_id" left join "workspace_members" on ("workspace_members"."workspace_id" = "api_tokens"."workspace_id" and "workspace_members"."user_id" = "api_tokens"."user_id") where ("api_tokens"."token_hash" = $1 and "api_tokens"."revoked_at" is null) limit $2`,
  /**
   * lib/entries/list.ts listEntries, page 1 without filters (keyset paging: later pages and cursors send other
   * statements, see bare-server.ts): $1 workspace, $2 user, $3 per_page + 1 (the extra row says whether there is a next page).
   */
  list: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where ("time_entries"."workspace_id" = $1 and "time_entries"."user_id" = $2 and "time_entries"."end_at" is not null) order by "time_entries"."start_at" desc, "time_entries"."id" desc limit $3`,
  /** Its total: the kept count (time_entry_counts) plus the running entry when asked for: $1 workspace, $2 user, $3 user, $4 workspace, $5 include_active. */
  count: `select coalesce((select c.finished from time_entry_counts c where c.workspace_id = $1 and c.user_id = $2), 0)
  + (select count(*) from time_entries r where r.user_id = $3 and r.end_at is null and r.workspace_id + 0 = $4 and $5)::int from (select 1) one`,
  /** lib/users/database-zones.ts: the zones the database knows, read once per process. */
  zones: `select name from pg_timezone_names`,
  /**
   * lib/reports/builder/local-days.ts localDaysSql, read once per zone and range (not measured): $1 zone, $2 zone,
   * $3 first day, $4 last day. Written by Stint's own function rather than copied, as day-parts.ts calls it.
   */
  localDays: new PgDialect().sqlToQuery(localDaysSql("UTC", sql`${"first"}::date`, sql`${"last"}::date`)).sql,
  /** lib/reports/summary.ts over lib/reports/day-parts.ts; parameters in bare-server.ts's summary(). */
  summary: `
    with clock as (
      select k.as_of, k.running_id, k.running_project_id, k.running_billable,
             coalesce(k.running_start < ($1::date::timestamp at time zone $2) and k.as_of > ($3::date::timestamp at time zone $4), false) as running_in_range
      from (
        select coalesce(case when t.start_at <= $5::timestamptz then t.start_at + floor(extract(epoch from $6::timestamptz - t.start_at)) * interval '1 second' end, $7::timestamptz) as as_of,
               t.id as running_id, t.project_id as running_project_id, t.billable as running_billable, t.start_at as running_start
        from (select) as one
        left join time_entries t on t.user_id = $8 and t.end_at is null and t.workspace_id + 0 = $9
      ) as k
    ),
    days as materialized (
      -- Materialized: each day's bounds are computed once (the zone rules are not cheap), not in every
      -- comparison of the join below.
      select d::date as day,
             d at time zone $10 as day_from,
             (d + interval '1 day') at time zone $11 as day_to
      -- The day count as a literal: PostgreSQL then estimates exactly that many rows (a generate_series of
      -- timestamps, or of parameters, is estimated at 1,000, which made the plan look 30 times dearer than
      -- it is and tripped the JIT compiler: ~1 s of compiling for a 40 ms query).
      from (select $12::date::timestamp + i * interval '1 day' as d from generate_series(0, __LAST_DAY_INDEX__) as i) as g
    ),
    e as (
      select x.id, x.project_id, x.billable, x.start_at, x.end_at,
             date '1969-12-31' + (x.start_utc_day + (x.start_utc_second + __START_OFFSET__) / 86400) as first_day,
             coalesce(date '1969-12-31' + (x.start_utc_day + (x.end_utc_second + __END_OFFSET__) / 86400), (x.end_at at time zone $15)::date) as last_day,
             coalesce(x.duration_seconds::bigint, round(extract(epoch from x.end_at - x.start_at))::bigint) as seconds
      from (
      select t.id, t.project_id, t.billable, t.start_at, coalesce(t.end_at, greatest(clock.as_of, t.start_at)) as end_at,
             t.start_utc_day, t.start_utc_second, t.end_utc_second, t.duration_seconds
      from time_entries t, clock
      where t.workspace_id = $16
        and t.user_id = $17
        and t.start_at >= least(($18::date::timestamp at time zone $19) - interval '7 days',
    (select r.start_at from time_entries r where r.user_id = $20 and r.end_at is null),
    (select min(l.start_at) from time_entries l where l.user_id = $21 and l.end_at - l.start_at > interval '7 days' and l.end_at > ($22::date::timestamp at time zone $23)))
        and t.start_at < ($24::date::timestamp at time zone $25)
        and coalesce(t.end_at, clock.as_of) > ($26::date::timestamp at time zone $27)
        
      ) as x
    ),
    -- A session within one local day is all on that day; only the few across a midnight are matched
    -- against the days (comparing every session with every day of a month cost 30 comparisons each).
    -- Materialized so that they are picked out once, not once per day.
    across as materialized (select * from e where e.first_day <> e.last_day),
    parts as (
      select e.first_day as day, e.id, e.project_id, e.billable, e.seconds, 1 as n
      from e where e.first_day = e.last_day
      union all
      select days.day, a.id, a.project_id, a.billable,
             round(extract(epoch from least(a.end_at, days.day_to) - greatest(a.start_at, days.day_from)))::bigint as seconds,
             -- A session from before the range has its first part in the range on the range's first day.
             (days.day = greatest(a.first_day, $28::date))::int as n
      from days
      join across a on a.start_at < days.day_to and a.end_at > days.day_from
    )
        select x.project_id, (select p.name from projects p where p.id = x.project_id) as project_name, x.seconds, x.billable_seconds, x.entries
        from (
          select parts.project_id,
            sum(parts.seconds)::float8 as seconds,
            sum(case when parts.billable then parts.seconds else 0 end)::float8 as billable_seconds,
            sum(parts.n)::int as entries
          from parts
          group by parts.project_id
        ) x
        order by x.seconds desc`,
  /** lib/timer/service.ts getRunningEntryDetails (lib/entries/queries.ts runningEntryOf): $1 user, $2 workspace, $3 limit 1. */
  running: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where time_entries.user_id = $1 and time_entries.end_at is null and time_entries.workspace_id + 0 = $2 limit $3`,
} as const;

export type BareQuery = keyof typeof BARE_SQL;

/** A localOffsetSql expression for the instant `at` with `op` and its parameters, numbered from `next`. */
function offsetCase(zone: LocalDays, at: string, op: string, plus: number, next: () => string): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), next());
  if (!zone.changes.length) return { text: `${param(zone.c0 + plus)}::int`, params };
  // The last change first, as localOffsetSql writes them.
  const whens = [...zone.changes].reverse().map((x) => `when ${at} ${op} ${param(new Date(x.at * 1000).toISOString())}::timestamptz then ${param(x.c + plus)}::int`);
  return { text: `case ${whens.join(" ")} else ${param(zone.c0 + plus)}::int end`, params };
}

/**
 * The summary for a period of `days` days in a zone with these offsets (lib/reports/day-parts.ts: the range and
 * 8 days either side): its text, numbered as drizzle numbers it, and the parameters of the two offset
 * expressions, which bare-server.ts puts between the 12th and the next parameter of its list.
 */
export function summarySql(days: number, zone: LocalDays): { text: string; startOffset: unknown[]; endOffset: unknown[] } {
  let n = 0;
  const next = () => `$${++n}`;
  let startOffset: unknown[] = [];
  let endOffset: unknown[] = [];
  const text = BARE_SQL.summary.replace(LAST_DAY_INDEX, String(days - 1)).replace(/\$\d+|__START_OFFSET__|__END_OFFSET__/g, (m) => {
    if (m === START_OFFSET) {
      const o = offsetCase(zone, "x.start_at", ">=", 86400, next);
      startOffset = o.params;
      return o.text;
    }
    if (m === END_OFFSET) {
      const o = offsetCase(zone, "x.end_at", ">", 86399, next);
      endOffset = o.params;
      return o.text;
    }
    return next();
  });
  return { text, startOffset, endOffset };
}

/**
 * Whitespace-insensitive form, to compare statements: the summary's day count and zone offsets left out, and
 * parameters renumbered in order (drizzle numbers them so; an offset with a DST change has more of them).
 */
export function normalizeSql(text: string): string {
  let n = 0;
  return text
    .replace(/generate_series\(0, (\d+|__LAST_DAY_INDEX__)\)/g, "generate_series(0, N)")
    .replace(/case (?:when x\.start_at >= \$\d+::timestamptz then \$\d+::int )+else \$\d+::int end|(?<=x\.start_utc_second \+ )\$\d+::int|__START_OFFSET__/g, "START_OFFSET")
    .replace(/case (?:when x\.end_at > \$\d+::timestamptz then \$\d+::int )+else \$\d+::int end|(?<=x\.end_utc_second \+ )\$\d+::int|__END_OFFSET__/g, "END_OFFSET")
    .replace(/\$\d+/g, () => `$${++n}`)
    .replace(/\s+/g, " ")
    .trim();
}
