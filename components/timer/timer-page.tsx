"use client";

import { memo, Suspense, useEffect, useEffectEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useLaterStore, type LaterStore } from "@/components/ui/later-store";
import { lazyNamed, useOnceTrue, usePreloadWhenIdle } from "@/components/ui/lazy";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useMe } from "@/lib/queries/current-user";
import { useSeedQueries, type QuerySeed } from "@/lib/queries/seed";
import { useStartTimer, useTimer, type TimerStatus } from "@/lib/queries/timer";
import type { Entry, Me } from "@/lib/queries/types";
import { formatClock } from "@/lib/time/format";
import { addCalendarDays, isValidLocalDate, weekOf } from "@/lib/time/calendar";
import { localDate } from "@/lib/time/display";
import type { RecentWeeksState } from "./recent-weeks";
import { TimerBar, type TimerBarHandle } from "./timer-bar";
import styles from "./timer.module.css";
import { useNow } from "./use-now";
import { useShortcuts } from "./use-shortcuts";

// Not needed to show the page: their code (the entry form with its zod schema, Luxon's zone arithmetic
// for the date fields) loads after it, and they mount when first opened.
const loadDialogs = () => import("@/components/entries/entry-dialogs");
const EditEntryDialog = lazyNamed(loadDialogs, "EditEntryDialog");
const ManualEntryDialog = lazyNamed(loadDialogs, "ManualEntryDialog");
const StopAtDialog = lazyNamed(() => import("./stop-at-dialog"), "StopAtDialog");
// "Still working?" asks only once the page runs (the answers are in this browser's storage).
const RunawayBanner = lazyNamed(() => import("./runaway-banner"), "RunawayBanner");
// The sessions list is in the first HTML, but its code is not needed for the timer to work: it loads
// from the start, alongside the page's own, and the list becomes interactive when it arrives (its rows'
// buttons are disabled until then, as for the whole page before hydration).
const RecentWeeks = lazyNamed(() => import("./recent-weeks"), "RecentWeeks");
RecentWeeks.preload();

/** A boundary the page never re-renders (its one prop is stable): see LaterStore for why. */
const RecentWeeksLater = memo(function RecentWeeksLater({ store }: { store: LaterStore<RecentWeeksState> }) {
  return (
    <Suspense>
      <RecentWeeks store={store} />
    </Suspense>
  );
});

/** initialWeek: this week's sessions and totals as the server read them with the page (query cache seeds). */
type Props = { me: Me; initialTimer: TimerStatus; initialWeek: QuerySeed[] };

/** The signed-in home page: the timer, then recent sessions week by week. */
export function TimerPage({ me: initialMe, initialTimer, initialWeek }: Props) {
  useSeedQueries(initialWeek);
  const { data: me = initialMe } = useMe(initialMe);
  const timer = useTimer(initialTimer);
  const running = timer.data?.timer ?? null;
  // The server's clock decides elapsed time, even if this computer's clock is off.
  const offset = timer.data?.server_time ? Date.parse(timer.data.server_time) - timer.dataUpdatedAt : 0;
  const now = useNow(1000, Math.abs(offset) > 2000 ? offset : 0, initialTimer.server_time ? Date.parse(initialTimer.server_time) : 0);
  const tz = me.timezone;
  const today = localDate(new Date(now), tz);
  const thisWeek = weekOf(today, me.week_start);
  const [weeksShown, setWeeksShown] = useState(1);
  const [revealed, setRevealed] = useState<string[]>([]);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [adding, setAdding] = useState(false);
  // The id of the session "Stop at a past time…" is open for: once it stops (here or in another tab) the
  // dialog closes, and it never reopens for the next session.
  const [stoppingAt, setStoppingAt] = useState<number | null>(null);
  const bar = useRef<TimerBarHandle>(null);
  const hydrated = useHydrated();
  const dialogsWanted = useOnceTrue(editing !== null || adding);
  const stopAtWanted = useOnceTrue(stoppingAt !== null);
  usePreloadWhenIdle(EditEntryDialog, StopAtDialog);
  const start = useStartTimer();

  useShortcuts({ s: () => bar.current?.toggle(), n: () => bar.current?.focusName() });

  // The tab's title shows the running clock.
  useEffect(() => {
    document.title = running ? `${formatClock((now - Date.parse(running.start_time)) / 1000)} · ${running.notes || "(no name)"} · Stint` : "Timer · Stint";
  }, [running, now]);
  useEffect(() => () => void (document.title = "Stint"), []);

  const continueEntry = (e: Entry) =>
    start.mutate({ notes: e.notes, project_id: e.project_id, task_id: e.task_id, tags: e.tag_list, billable: e.billable });

  // The weeks back from this one, plus any week a saved session was revealed in.
  const recent = Array.from({ length: weeksShown }, (_, i) => weekOf(addCalendarDays(thisWeek.start, -7 * i), me.week_start));
  const weeks = [...recent, ...revealed.filter((w) => !recent.some((r) => r.start === w)).map((w) => weekOf(w, me.week_start))].sort((a, b) => b.start.localeCompare(a.start));
  // A link to /?week=YYYY-MM-DD shows the week of that date too (read after hydration: the server renders this week).
  const linkedWeek = useEffectEvent(() => {
    const date = new URLSearchParams(window.location.search).get("week");
    if (date && isValidLocalDate(date)) setRevealed([weekOf(date, me.week_start).start]);
  });
  useEffect(() => linkedWeek(), []);
  const reveal = (w: string) => setRevealed((list) => [...list.filter((x) => x !== w), w]);
  const recentWeeks = useLaterStore<RecentWeeksState>({ weeks, timezone: tz, weekStart: me.week_start, today, now, running, revealed: revealed.at(-1), onContinue: continueEntry, onEdit: setEditing, onReveal: reveal });
  return (
    <>
      <h1 className="visually-hidden">Timer</h1>
      <TimerBar ref={bar} running={running} now={now} onEditRunning={() => running && running.id > 0 && setEditing(running)} />
      {hydrated && running && running.id > 0 && (now - Date.parse(running.start_time)) / 60_000 >= me.runaway_threshold_minutes && (
        <Suspense>
          <RunawayBanner entry={running} now={now} thresholdMinutes={me.runaway_threshold_minutes} timezone={tz} today={today} />
        </Suspense>
      )}
      <div className={styles.sub}>
        <p className={styles.hints} aria-label="Keyboard shortcuts">
          <span>
            <kbd>S</kbd> start/stop
          </span>
          <span>
            <kbd>N</kbd> name the session
          </span>
        </p>
        <div className="row">
          {running && running.id > 0 && (
            <Button type="button" variant="secondary" className="button-small" disabled={!hydrated} onClick={() => setStoppingAt(running.id)}>
              Stop at a past time…
            </Button>
          )}
          <Button type="button" variant="secondary" className="button-small" disabled={!hydrated} onClick={() => setAdding(true)}>
            + Add a past session
          </Button>
        </div>
      </div>

      <section aria-labelledby="recent-sessions" data-entry-list>
        <h2 id="recent-sessions" className="visually-hidden" tabIndex={-1}>
          Recent sessions
        </h2>
        <RecentWeeksLater store={recentWeeks} />
        <div className={styles.sub}>
          <Button type="button" variant="secondary" disabled={!hydrated} onClick={() => setWeeksShown((n) => n + 1)}>
            Show the week before
          </Button>
        </div>
      </section>

      {dialogsWanted && (
        <Suspense>
          <EditEntryDialog entry={editing} timezone={tz} onClose={() => setEditing(null)} />
          <ManualEntryDialog open={adding} timezone={tz} onClose={() => setAdding(false)} />
        </Suspense>
      )}
      {stopAtWanted && (
        <Suspense>
          <StopAtDialog running={running} open={running !== null && running.id === stoppingAt} timezone={tz} now={now} onClose={() => setStoppingAt(null)} />
        </Suspense>
      )}
    </>
  );
}
