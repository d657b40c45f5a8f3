// The SQL Stint sends for the measured endpoints, copied from what drizzle generates (see
// stint-queries.ts, which captures Stint's statements and checks that these still match them).
// The bare server runs exactly these, so the comparison measures everything around the SQL.

const ENTRY_COLUMNS = `"time_entries"."id", "time_entries"."user_id", "time_entries"."project_id", "time_entries"."task_id", "time_entries"."description", "time_entries"."start_at", "time_entries"."end_at", "time_entries"."billable", "time_entries"."source", "time_entries"."created_at", "time_entries"."updated_at", "projects"."name", "projects"."color", "projects"."client_id", "clients"."name", "tasks"."name", "users"."name", coalesce((
        select array_agg(t.name order by lower(t.name))
        from time_entry_tags et join tags t on t.id = et.tag_id
        where et.entry_id = "time_entries"."id"), '{}')`;

const ENTRY_FROM = `from "time_entries" inner join "users" on "users"."id" = "time_entries"."user_id" left join "projects" on "projects"."id" = "time_entries"."project_id" left join "clients" on "clients"."id" = "projects"."client_id" left join "tasks" on "tasks"."id" = "time_entries"."task_id"`;

export const BARE_SQL = {
  /** lib/tokens/authenticate.ts, the token with its user: $1 token hash, $2 limit 1. */
  token: `select "api_tokens"."id", "api_tokens"."scopes", "api_tokens"."expires_at", "api_tokens"."last_used_at", "users"."id", "users"."email", "users"."name", "users"."is_admin", "users"."timezone", "users"."week_start", "users"."runaway_threshold_minutes", "users"."created_at", "users"."updated_at" from "api_tokens" inner join "users" on "users"."id" = "api_tokens"."user_id" where ("api_tokens"."token_hash" = $1 and "api_tokens"."revoked_at" is null) limit $2`,
  /** lib/entries/service.ts listEntries (no filters): $1 user, $2 per_page, $3 offset. */
  list: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where ("time_entries"."user_id" = $1 and "time_entries"."end_at" is not null) order by "time_entries"."start_at" desc, "time_entries"."id" desc limit $2 offset $3`,
  count: `select count(*) from "time_entries" where ("time_entries"."user_id" = $1 and "time_entries"."end_at" is not null)`,
  /** lib/reports/summary.ts: $1/$4/$9 now, $2/$5/$8 end of range, $3/$6/$10 start of range, $7 user. */
  summary: `select x.project_id, (select p.name from projects p where p.id = x.project_id) as project_name, x.seconds, x.billable_seconds, x.entries
        from (
          select e.project_id,
            sum(extract(epoch from least(coalesce(e.end_at, greatest($1::timestamptz, e.start_at)), $2::timestamptz) - greatest(e.start_at, $3::timestamptz)))::float8 as seconds,
            sum(case when e.billable then extract(epoch from least(coalesce(e.end_at, greatest($4::timestamptz, e.start_at)), $5::timestamptz) - greatest(e.start_at, $6::timestamptz)) else 0 end)::float8 as billable_seconds,
            count(*)::int as entries
          from time_entries e
          where e.user_id = $7
            and e.start_at < $8::timestamptz
            and coalesce(e.end_at, $9::timestamptz) > $10::timestamptz
          group by e.project_id
        ) x
        order by x.seconds desc`,
  /** lib/timer/service.ts getRunningEntryDetails: $1 user, $2 limit 1. */
  running: `select ${ENTRY_COLUMNS} ${ENTRY_FROM} where ("time_entries"."user_id" = $1 and "time_entries"."end_at" is null) limit $2`,
} as const;

export type BareQuery = keyof typeof BARE_SQL;

/** Whitespace-insensitive form, to compare statements. */
export const normalizeSql = (text: string) => text.replace(/\s+/g, " ").trim();
