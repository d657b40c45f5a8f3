import { sql, type SQL } from "drizzle-orm";

/**
 * The local day of an instant, by arithmetic instead of a zone conversion per entry (PGlite spends ~0.6 µs on
 * each `at time zone`: a third of a year's report). Over a report's days the zone's offset changes only a few
 * times (DST), so
 *
 *   local day number (days since 1970-01-01) = floor((epoch seconds + c) / 86400)
 *
 * with `c` piecewise constant: `c0` before the first change, then `changes[i].c` from instant
 * `changes[i].at` (epoch seconds). The pieces come from PostgreSQL's own local midnights (localDaysSql), so a
 * day runs from its midnight to the next, as the one day rule says (lib/reports/day-parts.ts): on a day with
 * d_from..d_to, c = (its day number × 86400 − d_from) makes d_from its first second. A day of 25 hours would
 * overflow into the next number after 24 hours, so there the next day's c starts 24 hours in (from then on
 * the next c gives the same day until its midnight); a day of 23 hours switches at its end.
 */
export type LocalDays = {
  c0: number;
  changes: { at: number; c: number }[];
  /** Day d0's (days since 1970-01-01) local midnight and each next day's, as epoch seconds. */
  d0: number;
  midnights: number[];
};

/**
 * One row { c0, change_at, change_c, d0, midnights } of the pieces for the local days from `firstDay` to
 * `lastDay` (SQL dates) in zone `tz`, and those days' midnights.
 */
export function localDaysSql(tz: string, firstDay: SQL, lastDay: SQL): SQL {
  return sql`
    select (array_agg(c order by dn))[1] as c0,
           coalesce(array_agg(least(b, pb + 86400) order by dn) filter (where c <> pc), '{}') as change_at,
           coalesce(array_agg(c order by dn) filter (where c <> pc), '{}') as change_c,
           min(dn) as d0, array_agg(b order by dn) as midnights
    from (
      select dn, b, c, lag(b) over w as pb, lag(c) over w as pc
      from (
        select g::date - date '1970-01-01' as dn, date_part('epoch', g at time zone ${tz}) as b,
               (g::date - date '1970-01-01')::float8 * 86400 - date_part('epoch', g at time zone ${tz}) as c
        from generate_series((${firstDay})::timestamp, (${lastDay})::timestamp, interval '1 day') as g
      ) d
      window w as (order by dn)
    ) x`;
}

/** The pieces from localDaysSql's row (numbers as the drivers return them: numbers or numeric text). */
export function toLocalDays(row: {
  c0: number | string;
  change_at: (number | string)[];
  change_c: (number | string)[];
  d0: number | string;
  midnights: (number | string)[];
}): LocalDays {
  const changes = row.change_at.map((at, i) => ({ at: Number(at), c: Number(row.change_c[i]) }));
  const midnights = row.midnights.map(Number);
  const all = [Number(row.c0), ...changes.flatMap((x) => [x.at, x.c]), Number(row.d0), ...midnights];
  // Whole seconds: zones' offsets are, and the reports' integer arithmetic (pieces-sql.ts) needs them so.
  if (!all.every(Number.isSafeInteger)) throw new Error("localDays: zone offsets are not whole seconds");
  return { c0: Number(row.c0), changes, d0: Number(row.d0), midnights };
}

/**
 * The piece's c for the instant `at` (a timestamptz expression), by cheap timestamp comparisons (parameters
 * typed by their casts, so that a generic plan compares with them as they are). `endOf`: for an instant that
 * ends something, which belongs to the day it ends (a piece begins just after its instant): with
 * ceil(/86400) − 1, an end at midnight is the day before's. As float8, or as int for integer arithmetic; `plus`
 * a constant added to each (folded into them, not computed per row).
 */
export function localOffsetSql(days: LocalDays, at: SQL, opts: { endOf?: boolean; type?: "float8" | "int"; plus?: number } = {}): SQL {
  const t = sql.raw(opts.type ?? "float8");
  const c = (x: number) => x + (opts.plus ?? 0);
  if (!days.changes.length) return sql`${c(days.c0)}::${t}`;
  const op = sql.raw(opts.endOf ? ">" : ">=");
  const whens = [...days.changes].reverse().map((x) => sql`when ${at} ${op} ${new Date(x.at * 1000).toISOString()}::timestamptz then ${c(x.c)}::${t}`);
  return sql`case ${sql.join(whens, sql` `)} else ${c(days.c0)}::${t} end`;
}
