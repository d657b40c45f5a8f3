"use client";

import { useMemo } from "react";
import { EditIcon, PlayIcon } from "@/components/ui/icons";
import type { Entry, Overview } from "@/lib/queries/types";
import { formatClock } from "@/lib/time/format";
import { localDateOf, type Period } from "@/lib/time/period";
import { projectColor, projectName } from "./colors";
import { longDate, shortDateParts } from "./period-state";
import styles from "./overview.module.css";

export type DayGroup = { date: string; entries: Entry[] };

/**
 * Sessions grouped by the local day they start on, days and sessions in time order. A session that
 * started before the period (across its first midnight) is listed on the period's first day.
 */
export function groupByDay(entries: Entry[], period: Period, tz: string): DayGroup[] {
  const groups = new Map<string, Entry[]>();
  const sorted = [...entries].sort((a, b) => a.start_time.localeCompare(b.start_time) || a.id - b.id);
  for (const e of sorted) {
    const started = localDateOf(new Date(e.start_time), tz);
    const date = started < period.start ? period.start : started;
    groups.set(date, [...(groups.get(date) ?? []), e]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, entries: list }));
}

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
  const time = useMemo(() => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz }), [tz]);
  const groups = groupByDay(entries, period, tz);
  // Day totals come from the server (the part of each session inside the day), when they are this period's.
  const dayTotals = overview?.start_date === period.start ? new Map(overview.days.map((d) => [d.date, d.seconds])) : undefined;

  const clock = (instant: Date, onDate: string) => {
    const date = localDateOf(instant, tz);
    return date === onDate ? time.format(instant) : `${shortDateParts(date).join(" ")}, ${time.format(instant)}`;
  };

  return (
    <div className={styles.days}>
      {groups.map((g) => {
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
              {g.entries.map((e) => {
                const start = new Date(e.start_time);
                const end = e.end_time ? new Date(e.end_time) : null;
                const seconds = end ? e.duration_seconds : Math.max(0, Math.floor((now - start.getTime()) / 1000));
                const label = `“${e.notes || "(no name)"}”`;
                return (
                  <li key={e.id} className={styles.session} data-running={e.is_active || undefined}>
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
                      {clock(start, g.date)} – {end ? clock(end, g.date) : "now"}
                    </span>{" "}
                    <span className={`${styles.sessionDuration} tabular`}>
                      {e.is_active && <span className={styles.running}>Running</span>}{" "}
                      <span data-testid="session-duration">{formatClock(seconds)}</span>
                    </span>
                    <span className={styles.sessionActions}>
                      {!e.is_active && onContinue && (
                        <button type="button" className="icon-button" aria-label={`Continue ${label}`} title="Continue (start again)" onClick={() => onContinue(e)}>
                          <PlayIcon />
                        </button>
                      )}
                      {onEdit && (
                        <button type="button" className="icon-button" aria-label={`Edit ${label}`} title="Edit" onClick={() => onEdit(e)}>
                          <EditIcon />
                        </button>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
