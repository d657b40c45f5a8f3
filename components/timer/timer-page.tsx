"use client";

import { memo, Suspense, useEffect, useRef, useState } from "react";
import { useLaterStore, type LaterStore } from "@/components/ui/later-store";
import { lazyNamed } from "@/components/ui/lazy";
import { useMe } from "@/lib/queries/current-user";
import { useSeedQueries, type QuerySeed } from "@/lib/queries/seed";
import { useTimer, type TimerStatus } from "@/lib/queries/timer";
import type { Entry, Me } from "@/lib/queries/types";
import { formatClock } from "@/lib/time/format";
import type { RecentWeeksState } from "./recent-weeks";
import { TimerBar, type TimerBarHandle } from "./timer-bar";
import type { TimerToolsState } from "./timer-tools";
import { useNow } from "./use-now";
import { useShortcuts } from "./use-shortcuts";

// Both are in the first HTML, but their code is not needed for the timer to work: it loads from the
// start, alongside the page's own, and they become interactive when it arrives (their buttons are
// disabled until then, as the whole page's are before hydration).
// What is around the timer bar: "Still working?", the shortcut hints, "Stop at a past time…",
// "+ Add a past session" and the session dialogs.
const TimerTools = lazyNamed(() => import("./timer-tools"), "TimerTools");
TimerTools.preload();
// The sessions, week by week.
const RecentWeeks = lazyNamed(() => import("./recent-weeks"), "RecentWeeks");
RecentWeeks.preload();

// Boundaries the page never re-renders (their one prop is stable): see LaterStore for why.
const TimerToolsLater = memo(function TimerToolsLater({ store }: { store: LaterStore<TimerToolsState> }) {
  return (
    <Suspense>
      <TimerTools store={store} />
    </Suspense>
  );
});
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
  // The session the edit dialog is open for: the clock of the running one opens it, as a saved one's row does.
  const [editing, setEditing] = useState<Entry | null>(null);
  const bar = useRef<TimerBarHandle>(null);

  useShortcuts({ s: () => bar.current?.toggle(), n: () => bar.current?.focusName() });

  // The tab's title shows the running clock.
  useEffect(() => {
    document.title = running ? `${formatClock((now - Date.parse(running.start_time)) / 1000)} · ${running.notes || "(no name)"} · Stint` : "Timer · Stint";
  }, [running, now]);
  useEffect(() => () => void (document.title = "Stint"), []);

  const tools = useLaterStore<TimerToolsState>({ me, now, running, editing, onEdit: setEditing });
  const recentWeeks = useLaterStore<RecentWeeksState>({ timezone: me.timezone, weekStart: me.week_start, now, running, onEdit: setEditing });
  return (
    <>
      <h1 className="visually-hidden">Timer</h1>
      <TimerBar ref={bar} running={running} now={now} onEditRunning={() => running && running.id > 0 && setEditing(running)} />
      <TimerToolsLater store={tools} />
      <section aria-labelledby="recent-sessions" data-entry-list>
        <h2 id="recent-sessions" className="visually-hidden" tabIndex={-1}>
          Recent sessions
        </h2>
        <RecentWeeksLater store={recentWeeks} />
      </section>
    </>
  );
}
