"use client";

import { useEffect, useEffectEvent, useState } from "react";
import { useRevealSavedWeek } from "@/components/entries/use-reveal-saved-week";
import { WeekEntries } from "@/components/entries/week-entries";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useLaterValue, type LaterStore } from "@/components/ui/later-store";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useDeleteEntryWithUndo } from "@/lib/queries/entries";
import { useStartTimer } from "@/lib/queries/timer";
import type { Entry } from "@/lib/queries/types";
import { addCalendarDays, isValidLocalDate, weekOf } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/display";
import styles from "./timer.module.css";

export type RecentWeeksState = {
  timezone: string;
  weekStart: number;
  now: number;
  running: Entry | null;
  onEdit: (e: Entry) => void;
};

/**
 * The Timer page's sessions, week by week: this week, the weeks before it as asked ("Show the week
 * before"), and any week a saved session was revealed in. Its code (rows, inline edit, day grouping,
 * totals, sync states, delete with undo, the offer to show a saved session's week) loads after the
 * timer's: the server renders it, and it becomes interactive a moment later.
 */
export function RecentWeeks({ store }: { store: LaterStore<RecentWeeksState> }) {
  const { timezone, weekStart, now, running, onEdit } = useLaterValue(store);
  const [weeksShown, setWeeksShown] = useState(1);
  const [revealed, setRevealed] = useState<string[]>([]);
  const hydrated = useHydrated();
  const start = useStartTimer();
  const onDelete = useDeleteEntryWithUndo();
  const today = localDate(new Date(now), timezone);
  const thisWeek = weekOf(today, weekStart);

  // The weeks back from this one, plus any week a saved session was revealed in.
  const recent = Array.from({ length: weeksShown }, (_, i) => weekOf(addCalendarDays(thisWeek.start, -7 * i), weekStart));
  const weeks = [...recent, ...revealed.filter((w) => !recent.some((r) => r.start === w)).map((w) => weekOf(w, weekStart))].sort((a, b) => b.start.localeCompare(a.start));
  // A link to /?week=YYYY-MM-DD shows the week of that date too (read after hydration: the server renders this week).
  const linkedWeek = useEffectEvent(() => {
    const date = new URLSearchParams(window.location.search).get("week");
    if (date && isValidLocalDate(date)) setRevealed([weekOf(date, weekStart).start]);
  });
  useEffect(() => linkedWeek(), []);
  const reveal = (w: string) => setRevealed((list) => [...list.filter((x) => x !== w), w]);
  useRevealSavedWeek({ timezone, weekStart, shown: weeks.map((w) => w.start), show: reveal });

  const onContinue = (e: Entry) => start.mutate({ notes: e.notes, project_id: e.project_id, task_id: e.task_id, tags: e.tag_list, billable: e.billable });
  return (
    <>
      {weeks.map((week, i) => (
        <WeekEntries
          key={week.start}
          week={week}
          timezone={timezone}
          today={today}
          now={now}
          running={running}
          focusOnShow={week.start === revealed.at(-1)}
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
      ))}
      <div className={styles.sub}>
        <Button type="button" variant="secondary" disabled={!hydrated} onClick={() => setWeeksShown((n) => n + 1)}>
          Show the week before
        </Button>
      </div>
    </>
  );
}
