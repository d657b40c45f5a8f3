"use client";

import { Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { useLaterValue, type LaterStore } from "@/components/ui/later-store";
import { lazyNamed, useOnceTrue, usePreloadWhenIdle } from "@/components/ui/lazy";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Entry, Me } from "@/lib/queries/types";
import { localDate } from "@/lib/time/display";
import styles from "./timer.module.css";

// Not needed until opened: their code (the entry form with its zod schema, Luxon's zone arithmetic for
// the date fields) loads when the page is idle, and they mount when first opened.
const loadDialogs = () => import("@/components/entries/entry-dialogs");
const EditEntryDialog = lazyNamed(loadDialogs, "EditEntryDialog");
const ManualEntryDialog = lazyNamed(loadDialogs, "ManualEntryDialog");
const StopAtDialog = lazyNamed(() => import("./stop-at-dialog"), "StopAtDialog");
// "Still working?" asks only once the page runs (the answers are in this browser's storage).
const RunawayBanner = lazyNamed(() => import("./runaway-banner"), "RunawayBanner");

export type TimerToolsState = {
  me: Me;
  now: number;
  running: Entry | null;
  /** The session the edit dialog is open for (the page's: the timer's clock and the sessions' rows open it). */
  editing: Entry | null;
  onEdit: (entry: Entry | null) => void;
};

/**
 * What the Timer page shows around the timer bar: "Still working?" for a long-running timer, the
 * shortcut hints, "Stop at a past time…" and "+ Add a past session", and the session dialogs. The
 * server renders it; its code loads alongside the page's (see TimerPage), its buttons disabled until then.
 */
export function TimerTools({ store }: { store: LaterStore<TimerToolsState> }) {
  const { me, now, running, editing, onEdit } = useLaterValue(store);
  const [adding, setAdding] = useState(false);
  // The id of the session "Stop at a past time…" is open for: once it stops (here or in another tab) the
  // dialog closes, and it never reopens for the next session.
  const [stoppingAt, setStoppingAt] = useState<number | null>(null);
  const hydrated = useHydrated();
  const dialogsWanted = useOnceTrue(editing !== null || adding);
  const stopAtWanted = useOnceTrue(stoppingAt !== null);
  usePreloadWhenIdle(EditEntryDialog, StopAtDialog);
  const tz = me.timezone;
  return (
    <>
      {hydrated && running && running.id > 0 && (now - Date.parse(running.start_time)) / 60_000 >= me.runaway_threshold_minutes && (
        <Suspense>
          <RunawayBanner entry={running} now={now} thresholdMinutes={me.runaway_threshold_minutes} timezone={tz} today={localDate(new Date(now), tz)} />
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
      {dialogsWanted && (
        <Suspense>
          <EditEntryDialog entry={editing} timezone={tz} onClose={() => onEdit(null)} />
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
