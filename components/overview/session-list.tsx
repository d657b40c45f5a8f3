"use client";

import { memo, useDeferredValue, useMemo } from "react";
import type { Entry, Overview } from "@/lib/queries/types";
import { wallClock } from "@/lib/time/display";
import { formatClock } from "@/lib/time/format";
import type { Period } from "@/lib/time/period";
import { projectColor, projectName } from "./colors";
import { FIRST_ROWS, firstRowsOf, groupByDay } from "./day-rows";
import { longDate, shortDateParts } from "./period-state";
import styles from "./overview.module.css";

type Props = {
  entries: Entry[];
  period: Period;
  /** The period's totals, ticking with a running session. */
  overview: Overview | undefined;
  tz: string;
  /** The server's time now (ms): a running session's length counts to it. */
  now: number;
  /** Left out for another member's sessions (the Overview of a member, opened from the Team page): read only. */
  onEdit?: (e: Entry) => void;
  onContinue?: (e: Entry) => void;
};

/**
 * The period's sessions grouped by day, each day with its total beside its rows in the same precision
 * (H:MM:SS); each can be edited or continued in place, as on the Timer page.
 */
export function SessionList({ entries, period, overview, tz, now, onEdit, onContinue }: Props) {
  // A month holds ~1,600 rows: grouped once per list, and a running session's tick re-renders only its
  // own row (the others are memoised and get no `now`).
  const groups = useMemo(() => groupByDay(entries, period, tz), [entries, period, tz]);
  // A month of ~1,600 rows is ~30,000 elements: rendered in one go it held the page's first paint of the
  // period for ~200 ms. The first screenful renders with the totals; the rest right after, in a deferred
  // render that React interrupts for a key or a click. The list is keyed by its period, so each period
  // shown starts this way.
  const complete = useDeferredValue(true, false);
  const shown = complete ? groups : firstRowsOf(groups, FIRST_ROWS);
  // Day totals come from the server (the part of each session inside the day), when they are this period's.
  const dayTotals = overview?.start_date === period.start ? new Map(overview.days.map((d) => [d.date, d.seconds])) : undefined;

  return (
    <div className={styles.days} aria-busy={!complete || undefined}>
      {shown.map((g) => {
        const headingId = `day-${g.date}`;
        const total = dayTotals?.get(g.date);
        return (
          <section key={g.date} aria-labelledby={headingId} className={styles.dayGroup} data-date={g.date}>
            <h3 id={headingId} className={styles.dayHeading}>
              <span>{longDate(g.date)}</span>{" "}
              {total !== undefined && (
                <span className="tabular" data-testid="overview-day-total">
                  {formatClock(total)}
                </span>
              )}
            </h3>
            <ul className={styles.sessions}>
              {g.entries.map((e) => (
                <SessionRow key={e.id} entry={e} listedOn={g.date} tz={tz} now={e.is_active ? now : 0} onEdit={onEdit} onContinue={onContinue} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

type RowProps = {
  entry: Entry;
  /** The day it is listed under: a clock on another day says which. */
  listedOn: string;
  tz: string;
  /** Only for a running session (0 otherwise, so that finished rows never re-render on a tick). */
  now: number;
  onEdit?: (e: Entry) => void;
  onContinue?: (e: Entry) => void;
};

const SessionRow = memo(function SessionRow({ entry: e, listedOn, tz, now, onEdit, onContinue }: RowProps) {
  const start = new Date(e.start_time);
  const end = e.end_time ? new Date(e.end_time) : null;
  const seconds = end ? e.duration_seconds : Math.max(0, Math.floor((now - start.getTime()) / 1000));
  const label = `“${e.notes || "(no name)"}”`;
  const clock = (instant: Date) => {
    const wall = wallClock(instant, tz);
    return wall.date === listedOn ? wall.time : `${shortDateParts(wall.date).join(" ")}, ${wall.time}`;
  };
  return (
    <li className={styles.session} data-running={e.is_active || undefined}>
      <span className={styles.sessionName}>
        {e.notes ? <span>{e.notes}</span> : <span className="muted">(no name)</span>}
        {e.tag_list.map((t) => (
          <span key={t} className={styles.tag}>
            {" "}
            {t}
          </span>
        ))}
      </span>{" "}
      <span className={styles.sessionProject}>
        <span className="color-dot" style={{ background: projectColor(e.project_color) }} aria-hidden="true" />
        <span className={e.project_id === null ? "muted" : undefined}>{projectName(e.project)}</span>{" "}
        {e.client && <span className={styles.client}>{e.client}</span>}
      </span>{" "}
      <span className={`${styles.sessionTime} tabular`}>
        {clock(start)} – {end ? clock(end) : "now"}
      </span>{" "}
      <span className={`${styles.sessionDuration} tabular`}>
        {e.is_active && <span className={styles.running}>Running</span>}{" "}
        <span data-testid="session-duration">{formatClock(seconds)}</span>
      </span>
      <span className={styles.sessionActions}>
        {!e.is_active && onContinue && (
          <button type="button" className={`icon-button ${styles.continueIcon}`} aria-label={`Continue ${label}`} title="Continue (start again)" onClick={() => onContinue(e)} />
        )}
        {onEdit && (
          <button type="button" className={`icon-button ${styles.editIcon}`} aria-label={`Edit ${label}`} title="Edit" onClick={() => onEdit(e)} />
        )}
      </span>
    </li>
  );
});
