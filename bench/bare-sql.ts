// The SQL Stint sends for the measured endpoints, copied from what drizzle generates (see
// stint-queries.ts, which captures Stint's statements and checks that these still match them).
// The bare server runs exactly these, so the comparison measures everything around the SQL.

const ENTRY_COLUMNS = `"time_entries"."id", "time_entries"."workspace_id", "time_entries"."user_id", "time_entries"."project_id", "time_entries"."task_id", "time_entries"."description", "time_entries"."start_at", "time_entries"."end_at", "time_entries"."billable", "time_entries"."source", "time_entries"."created_at", "time_entries"."updated_at", "projects"."name", "projects"."color", "projects"."client_id", "clients"."name", "tasks"."name", "users"."name", coalesce((
        select array_agg(t.name order by lower(t.name))
        from time_entry_tags et join tags t on t.id = et.tag_id
        where et.entry_id = "time_entries"."id"), '{}')`;

const ENTRY_FROM = `from "time_entries" inner join "users" on "users"."id" = "time_entries"."user_id" left join "projects" on "projects"."id" = "time_entries"."project_id" left join "clients" on "clients"."id" = "projects"."client_id" left join "tasks" on "tasks"."id" = "time_entries"."task_id"`;

/** The summary's day count is a literal in Stint's SQL (lib/reports/day-parts.ts says why): a placeholder here. */
const LAST_DAY_INDEX = "__LAST_DAY_INDEX__";

export const BARE_SQL = {
  /** lib/tokens/authenticate.ts, the token with its user and role: $1 token hash, $2 limit 1. */
  token: `select "api_tokens"."id", "api_tokens"."workspace_id", "workspace_members"."role", "api_tokens"."scopes", "api_tokens"."expires_at", "api_tokens"."last_used_at", "users"."id", "users"."email", "users"."name", "users"."is_admin", "users"."timezone", "users"."week_start", "users"."runaway_threshold_minutes", "users"."max_entry_minutes", "users"."currency", "users"."created_at", "users"."updated_at" from "api_tokens" inner join "users" on "users"."id" = "api_tokens"."user_id" left join "workspace_members" on ("workspace_members"."workspace_id" = "api_tokens"."workspace_id" and "workspace_members"."user_id" = "api_tokens"."user_id") where ("api_tokens"."token_hash" = $1 and "api_tokens"."revoked_at" is null) limit $2`,
  /** lib/entries/service.ts listEntries (no filters): $1 workspace, $2 user, $3 per_page, $4 offset. */
  list: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where ("time_entries"."workspace_id" = $1 and "time_entries"."user_id" = $2 and "time_entries"."end_at" is not null) order by "time_entries"."start_at" desc, "time_entries"."id" desc limit $3 offset $4`,
  count: `select count(*) from "time_entries" where ("time_entries"."workspace_id" = $1 and "time_entries"."user_id" = $2 and "time_entries"."end_at" is not null)`,
  /** lib/reports/summary.ts over lib/reports/day-parts.ts; parameters in bare-server.ts's summary(). */
  summary: `
    with clock as (
      select coalesce(
        (select t.start_at + floor(extract(epoch from $1::timestamptz - t.start_at)) * interval '1 second'
           from time_entries t where t.user_id = $2 and t.end_at is null and t.description is not null and t.workspace_id = $3 and t.start_at <= $4::timestamptz),
        $5::timestamptz) as as_of
    ),
    days as materialized (
      -- Materialized: each day's bounds are computed once (the zone rules are not cheap), not in every
      -- comparison of the join below.
      select d::date as day,
             d at time zone $6 as day_from,
             (d + interval '1 day') at time zone $7 as day_to
      -- The day count as a literal: PostgreSQL then estimates exactly that many rows (a generate_series of
      -- timestamps, or of parameters, is estimated at 1,000, which made the plan look 30 times dearer than
      -- it is and tripped the JIT compiler: ~1 s of compiling for a 40 ms query).
      from (select $8::date::timestamp + i * interval '1 day' as d from generate_series(0, __LAST_DAY_INDEX__) as i) as g
    ),
    e as (
      select x.*, (x.start_at at time zone $9)::date as first_day, (x.end_at at time zone $10)::date as last_day
      from (
      select t.id, t.project_id, t.billable, t.start_at, coalesce(t.end_at, greatest(clock.as_of, t.start_at)) as end_at, t.end_at is null as running
      from time_entries t, clock
      where t.workspace_id = $11
        and t.user_id = $12
        and t.start_at >= least(($13::date::timestamp at time zone $14) - interval '7 days',
    (select r.start_at from time_entries r where r.user_id = $15 and r.end_at is null and r.description is not null),
    (select min(l.start_at) from time_entries l where l.user_id = $16 and l.end_at - l.start_at > interval '7 days' and l.end_at > ($17::date::timestamp at time zone $18)))
        and t.start_at < ($19::date::timestamp at time zone $20)
        and coalesce(t.end_at, clock.as_of) > ($21::date::timestamp at time zone $22)
        
      ) as x
    ),
    -- A session within one local day is all on that day; only the few across a midnight are matched
    -- against the days (comparing every session with every day of a month cost 30 comparisons each).
    -- Materialized so that they are picked out once, not once per day.
    across as materialized (select * from e where e.first_day <> e.last_day),
    parts as (
      select e.first_day as day, e.id, e.project_id, e.billable, round(extract(epoch from e.end_at - e.start_at)) as seconds
      from e where e.first_day = e.last_day
      union all
      select days.day, a.id, a.project_id, a.billable,
             round(extract(epoch from least(a.end_at, days.day_to) - greatest(a.start_at, days.day_from))) as seconds
      from days
      join across a on a.start_at < days.day_to and a.end_at > days.day_from
    )
        select x.project_id, (select p.name from projects p where p.id = x.project_id) as project_name, x.seconds, x.billable_seconds, x.entries
        from (
          select parts.project_id,
            sum(parts.seconds)::float8 as seconds,
            sum(case when parts.billable then parts.seconds else 0 end)::float8 as billable_seconds,
            count(distinct parts.id)::int as entries
          from parts
          group by parts.project_id
        ) x
        order by x.seconds desc`,
  /** lib/timer/service.ts getRunningEntryDetails: $1 user, $2 workspace, $3 limit 1. */
  running: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where ("time_entries"."user_id" = $1 and "time_entries"."end_at" is null and "time_entries"."workspace_id" = $2) limit $3`,
} as const;

export type BareQuery = keyof typeof BARE_SQL;

/** The summary for a period of `days` days. */
export const summarySql = (days: number) => BARE_SQL.summary.replace(LAST_DAY_INDEX, String(days - 1));

/** Whitespace-insensitive form, to compare statements (the summary's day count left out). */
export const normalizeSql = (text: string) =>
  text
    .replace(/generate_series\(0, (\d+|__LAST_DAY_INDEX__)\)/g, "generate_series(0, N)")
    .replace(/\s+/g, " ")
    .trim();
