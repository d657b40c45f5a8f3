-- Rate-limit counters are written on every API request and worth nothing after a crash (a window lasts
-- at most an hour), so they need no WAL: an unlogged table skips it, and a request's commit does not wait
-- for a WAL flush. After a crash PostgreSQL empties the table, which only resets the counts.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;
