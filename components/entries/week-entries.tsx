"use client";

import { useEntrySyncStates, type EntrySyncState } from "@/components/integrations/queries";
import { Skeleton } from "@/components/ui/skeleton";
import { useEntriesBetween } from "@/lib/queries/entries";
import { useProjects } from "@/lib/queries/projects";
import type { Entry } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { dayHeading, localDate } from "@/lib/time/display";
import type { Period } from "@/lib/time/period";
import { EntryRow } from "./entry-row";
import styles from "./entries.module.css";

type Props = {
  week: Period;
  timezone: string;
  today: string;
  onContinue: (e: Entry) => void;
  onEdit: (e: Entry) => void;
  onDelete: (e: Entry) => void;
  /** Shown when the week has no saved sessions. */
  empty: React.ReactNode;
};

/** One week of saved sessions, by the day they started, newest first, with each day's total. */
export function WeekEntries({ week, timezone, today, onContinue, onEdit, onDelete, empty }: Props) {
  const { data, isPending, isError } = useEntriesBetween(week.start, week.days[week.days.length - 1]);
  const syncStates = useSyncStates(data);
  if (isPending) return <Skeleton rows={3} />;
  if (isError) return <p className="form-alert">These sessions could not be loaded. They will be retried.</p>;
  // The running session is shown in the timer bar, not here; a session that started before this week is in an earlier one.
  const entries = data.filter((e) => !e.is_active && localDate(e.start_time, timezone) >= week.start);
  const days = new Map<string, Entry[]>();
  for (const e of entries) {
    const day = localDate(e.start_time, timezone);
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  if (days.size === 0) return <>{empty}</>;
  const weekTotal = entries.reduce((sum, e) => sum + e.duration_seconds, 0);
  return (
    <div className={styles.week}>
      <p className={styles.weekTotal} data-testid="week-total">
        {week.days.includes(today) ? "This week" : `Week of ${dayHeading(week.start, today)}`}: <strong>{formatTotal(weekTotal)}</strong>
      </p>
      {[...days.entries()].map(([day, list]) => (
        <section key={day} className={styles.day} aria-label={dayHeading(day, today)} data-testid="day-group">
          <header className={styles.dayHeader}>
            <h3>{dayHeading(day, today)}</h3>
            <span className={styles.dayTotal} data-testid="day-total">
              {formatTotal(list.reduce((s, e) => s + e.duration_seconds, 0))}
            </span>
          </header>
          <ul className={styles.rows}>
            {list.map((e) => (
              <EntryRow key={e.id} entry={e} timezone={timezone} sync={syncStates.get(e.id)} onContinue={onContinue} onEdit={onEdit} onDelete={onDelete} />
            ))}
          </ul>
        </section>
      ))}
    </div>
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
