-- Hand-written as one statement (drizzle-kit wrote one per column): each ADD COLUMN ... STORED rewrites the
-- table, one rewrite for all. The columns are derived by PostgreSQL from the row (db/schema.ts says why).
ALTER TABLE "time_entries"
  ADD COLUMN "start_utc_day" integer GENERATED ALWAYS AS (floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400)::integer) STORED,
  ADD COLUMN "start_utc_second" integer GENERATED ALWAYS AS (floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) - floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400) * 86400)::integer) STORED,
  ADD COLUMN "end_utc_second" integer GENERATED ALWAYS AS (case when end_at - start_at < interval '20000 days' then ceil(extract(epoch from end_at - '1970-01-01 00:00:00+00'::timestamptz) - floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400) * 86400)::integer end) STORED,
  ADD COLUMN "duration_seconds" integer GENERATED ALWAYS AS (case when end_at - start_at < interval '20000 days' then round(extract(epoch from end_at - start_at))::integer end) STORED,
  ADD COLUMN "sole_tag_id" integer GENERATED ALWAYS AS (case cardinality(tag_ids) when 0 then 0 when 1 then tag_ids[1] else -1 end) STORED;
