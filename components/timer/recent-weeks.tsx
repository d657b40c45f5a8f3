"use client";

import { useRevealSavedWeek } from "@/components/entries/use-reveal-saved-week";
import { WeekEntries } from "@/components/entries/week-entries";
import { EmptyState } from "@/components/ui/empty-state";
import { useLaterValue, type LaterStore } from "@/components/ui/later-store";
import { useDeleteEntryWithUndo } from "@/lib/queries/entries";
import type { Entry } from "@/lib/queries/types";

export type RecentWeeksState = {
  weeks: { start: string; days: string[] }[];
  timezone: string;
  weekStart: number;
  today: string;
  now: number;
  running: Entry | null;
  /** The week last asked to be shown: it scrolls into view and takes the focus. */
  revealed: string | undefined;
  onContinue: (e: Entry) => void;
  onEdit: (e: Entry) => void;
  /** Show the week of a saved session that is in none of `weeks`. */
  onReveal: (weekStart: string) => void;
};

/**
 * The Timer page's sessions, week by week. Its code (rows, inline edit, day grouping, totals, sync
 * states, delete with undo, the offer to show a saved session's week) loads after the timer's: the
 * server renders it, and it becomes interactive a moment later.
 */
export function RecentWeeks({ store }: { store: LaterStore<RecentWeeksState> }) {
  const { weeks, timezone, weekStart, today, now, running, revealed, onContinue, onEdit, onReveal } = useLaterValue(store);
  const onDelete = useDeleteEntryWithUndo();
  useRevealSavedWeek({ timezone, weekStart, shown: weeks.map((w) => w.start), show: onReveal });
  return weeks.map((week, i) => (
    <WeekEntries
      key={week.start}
      week={week}
      timezone={timezone}
      today={today}
      now={now}
      running={running}
      focusOnShow={week.start === revealed}
      onContinue={onContinue}
      onEdit={onEdit}
      onDelete={onDelete}
      empty={
        i === 0 ? (
          <EmptyState title="No sessions this week yet">
            <p>
              Type what you are working on above and press Start (or <kbd>S</kbd>), or add a past session.
            </p>
          </EmptyState>
        ) : (
          <p className="muted">No sessions in the week of {week.start}.</p>
        )
      }
    />
  ));
}
