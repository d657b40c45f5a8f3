"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { useEntrySyncStates, type EntrySyncState } from "@/components/integrations/queries";
import { Skeleton } from "@/components/ui/skeleton";
import { useEntriesBetween } from "@/lib/queries/entries";
import { useOverview } from "@/lib/queries/overview";
import { useProjects } from "@/lib/queries/projects";
import type { Entry } from "@/lib/queries/types";
import { liveOverview } from "@/lib/reports/live";
import { formatClock } from "@/lib/time/format";
import { dayHeading } from "@/lib/time/headings";
import { CarriedRow } from "./carried-row";
import { groupWeek } from "./day-groups";
import { EntryRow } from "./entry-row";
import styles from "./entries.module.css";

type Props = {
  /** The week's first date and its dates (a Period, or a calendar week: no zone needed here). */
  week: { start: string; days: string[] };
  timezone: string;
  today: string;
  /** The server's time now (ms), and the running session, if any: today's and the week's totals count it. */
  now: number;
  running: Entry | null;
  /** Scroll to the week and focus it once it shows (it was asked for from a toast). */
  focusOnShow?: boolean;
  onContinue: (e: Entry) => void;
  onEdit: (e: Entry) => void;
  onDelete: (e: Entry) => void;
  /** Shown when the week has no time. */
  empty: React.ReactNode;
};

/**
 * One week of saved sessions, listed under the day they started, newest first. Each day's and the week's
 * totals are the server's overview of the week (the one day rule: each day counts its part of a session
 * across midnight), plus the seconds a running timer has run since the server counted it.
 */
export function WeekEntries({ week, timezone, today, now, running, focusOnShow, onContinue, onEdit, onDelete, empty }: Props) {
  const entries = useEntriesBetween(week.start, week.days[week.days.length - 1]);
  const overview = useOverview("week", week.start);
  const syncStates = useSyncStates(entries.data);
  const reveal = useRevealOnce(focusOnShow);
  const o = overview.data;
  const ticking = o !== undefined && o.running !== null && running?.id === o.running.id;
  const totals = o && ticking ? liveOverview(o, (now - Date.parse(o.as_of)) / 1000, today) : o;
  const dayTotals = new Map(totals?.days.map((d) => [d.date, d.seconds]));
  // Grouping reads local dates (Intl, in the zone): redo it when the sessions or the days with time change, not every tick.
  const daysWithTime = [...dayTotals].filter(([, s]) => s > 0).map(([d]) => d).join();
  const groups = useMemo(
    () => (entries.data ? groupWeek(entries.data, week.start, new Set(daysWithTime.split(",")), timezone) : []),
    [entries.data, week.start, daysWithTime, timezone],
  );
  if (entries.isPending || overview.isPending) return <Skeleton rows={3} />;
  if (entries.isError || overview.isError || !totals) return <p className="form-alert">These sessions could not be loaded. They will be retried.</p>;
  if (groups.length === 0) return <>{empty}</>;
  return (
    <div className={styles.week} ref={reveal} tabIndex={-1}>
      <p className={styles.weekTotal} data-testid="week-total">
        {week.days.includes(today) ? "This week" : `Week of ${dayHeading(week.start, today)}`}: <strong>{formatClock(totals.total_seconds)}</strong>
      </p>
      {groups.map((g) => (
        <section key={g.date} className={styles.day} aria-label={dayHeading(g.date, today)} data-testid="day-group" data-date={g.date}>
          <header className={styles.dayHeader}>
            <h3>{dayHeading(g.date, today)}</h3>
            <span className={styles.dayTotal} data-testid="day-total">
              {formatClock(dayTotals.get(g.date) ?? 0)}
            </span>
          </header>
          <ul className={styles.rows}>
            {g.carried.map((e) => (
              <CarriedRow key={`carried-${e.id}`} entry={e} day={g.date} timezone={timezone} today={today} />
            ))}
            {g.entries.map((e) => (
              <EntryRow key={e.id} entry={e} timezone={timezone} sync={syncStates.get(e.id)} onContinue={onContinue} onEdit={onEdit} onDelete={onDelete} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A ref that scrolls its element into view and focuses it the first time it is attached while `active`. */
function useRevealOnce(active: boolean | undefined) {
  const done = useRef(false);
  useEffect(() => {
    if (!active) done.current = false;
  }, [active]);
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el || !active || done.current) return;
      done.current = true;
      el.scrollIntoView({ block: "start" });
      el.focus({ preventScroll: true });
    },
    [active],
  );
}

/** Sync states of the saved entries in imported projects, in one request (none without such entries). */
function useSyncStates(entries: Entry[] | undefined): Map<number, EntrySyncState> {
  const { data: projects } = useProjects();
  const linked = new Set(projects?.filter((p) => p.integration).map((p) => p.id));
  const synced = (entries ?? []).filter((e) => !e.is_active && e.project_id !== null && linked.has(e.project_id));
  const states = useEntrySyncStates(synced);
  return new Map(states?.map((s) => [s.entry_id, s]));
}
