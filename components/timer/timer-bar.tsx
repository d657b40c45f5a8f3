"use client";

import { useQueryClient } from "@tanstack/react-query";
import { forwardRef, memo, Suspense, useEffect, useImperativeHandle, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useLaterStore, type LaterStore } from "@/components/ui/later-store";
import { lazyNamed, usePreloadWhenIdle } from "@/components/ui/lazy";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { EntryPatch } from "@/lib/queries/entry-update";
import { UNREACHABLE } from "@/lib/queries/fetch";
import { useProjects } from "@/lib/queries/project-list";
import { stopFieldError, useStartTimer, useStopTimer } from "@/lib/queries/timer";
import type { Entry } from "@/lib/queries/types";
import { toastError } from "@/lib/stores/toast-error";
import { formatClock } from "@/lib/time/format";
import type { TimerFieldsState } from "./timer-fields";
import styles from "./timer.module.css";

// The pickers: in the first HTML, their code loads alongside the page's (see TimerFields).
const TimerFields = lazyNamed(() => import("./timer-fields"), "TimerFields");
TimerFields.preload();

// Saving a change to the running session (its name, project, task, tags, billable): that code loads when
// the page is idle, or with the first change if sooner; starting and stopping need none of it.
const loadEntryUpdate = () => import("@/lib/queries/entry-update");
const entryUpdate = { preload: () => void loadEntryUpdate().catch(() => {}) };

/** A boundary the bar never re-renders (its one prop is stable): see LaterStore for why. */
const TimerFieldsLater = memo(function TimerFieldsLater({ store }: { store: LaterStore<TimerFieldsState> }) {
  return (
    <Suspense>
      <TimerFields store={store} />
    </Suspense>
  );
});

type Draft = { notes: string; projectId: number | null; taskId: number | null; tags: string[]; billable: boolean | null };
const EMPTY: Draft = { notes: "", projectId: null, taskId: null, tags: [], billable: null };

export type TimerBarHandle = { toggle(): void; focusName(): void };

type Props = { running: Entry | null; now: number; onEditRunning: () => void };

/**
 * "What are you working on?" with project, task, tags and billable, and Start/Stop. Before a start the
 * fields describe the next session; while one runs, every change is saved to it at once.
 */
export const TimerBar = forwardRef<TimerBarHandle, Props>(function TimerBar({ running, now, onEditRunning }, ref) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [name, setName] = useState(running?.notes ?? "");
  const nameRef = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const mounted = useRef(false);
  const start = useStartTimer();
  const stop = useStopTimer();
  const client = useQueryClient();
  const { data: projects = [] } = useProjects();
  usePreloadWhenIdle(entryUpdate);
  const saveToRunning = (patch: EntryPatch) =>
    void loadEntryUpdate().then(
      (m) => m.updateEntry(client, patch),
      () => toastError(new Error(UNREACHABLE), "The change was not saved:"),
    );

  // Show the running session's name, unless the user is typing in the field.
  useEffect(() => {
    const field = nameRef.current;
    if (!mounted.current) {
      mounted.current = true;
      // Typed before the page's scripts ran: the field shows it, so it is the name.
      if (field && field.value !== name) return setName(field.value);
    }
    if (document.activeElement !== field) setName(running ? running.notes : draft.notes);
  }, [running?.id, running?.notes]);

  const fields = running
    ? { projectId: running.project_id, taskId: running.task_id, tags: running.tag_list, billable: running.billable }
    : { ...draft, billable: draft.billable ?? projects.find((p) => p.id === draft.projectId)?.billable ?? false };

  const change = (patch: Partial<Draft>) => {
    if (!running) return setDraft((d) => ({ ...d, ...patch }));
    if (running.id < 0) return; // the start is still on its way; the server has no id yet
    saveToRunning({
      id: running.id,
      ...(patch.projectId !== undefined && { project_id: patch.projectId }),
      ...(patch.taskId !== undefined && { task_id: patch.taskId }),
      ...(patch.tags !== undefined && { tags: patch.tags }),
      ...(patch.billable !== undefined && patch.billable !== null && { billable: patch.billable }),
    });
  };

  // What the field shows is what is saved, even if it was typed before React took over the page.
  const shownName = () => nameRef.current?.value ?? name;

  const saveName = (text = shownName()) => {
    if (running && text.trim() !== running.notes && running.id > 0) saveToRunning({ id: running.id, notes: text });
    if (!running) setDraft((d) => ({ ...d, notes: text }));
  };

  const startNow = (notes = shownName()) => {
    stop.reset();
    setName(notes);
    start.mutate({ notes, project_id: fields.projectId, task_id: fields.taskId, tags: fields.tags, billable: fields.billable });
    setDraft(EMPTY);
  };
  const stopNow = () => {
    if (stop.isPending) return;
    saveName();
    stop.mutate({}, { onSuccess: () => setName("") });
  };
  const toggle = () => (running ? stopNow() : startNow());

  useImperativeHandle(ref, () => ({ toggle, focusName: () => nameRef.current?.focus() }));

  const pickers = useLaterStore<TimerFieldsState>({ projectId: fields.projectId, taskId: fields.taskId, tags: fields.tags, change, running: running !== null });
  const elapsed = running ? (now - Date.parse(running.start_time)) / 1000 : 0;
  const stopProblem = running && stop.isError ? stopFieldError(stop.error) : undefined;
  return (
    <form
      className={styles.bar}
      data-running={Boolean(running)}
      aria-label="Timer"
      // A form action: a Start (or Enter) pressed before the page's scripts ran is replayed once they
      // do, with what the field held at that moment.
      action={(form) => {
        const notes = String(form.get("notes") ?? "");
        if (running) saveName(notes);
        else startNow(notes);
      }}
    >
      <div className={styles.name}>
        <label htmlFor="timer-name" className="visually-hidden">
          What are you working on?
        </label>
        <input
          ref={nameRef}
          id="timer-name"
          name="notes"
          className="input"
          placeholder="What are you working on?"
          autoComplete="off"
          maxLength={500}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => saveName()}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setName(running?.notes ?? draft.notes);
              nameRef.current?.blur();
            }
          }}
          aria-keyshortcuts="N"
        />
        <kbd aria-hidden>N</kbd>
      </div>
      <div className={styles.controls}>
        <TimerFieldsLater store={pickers} />
        <button type="button" className={styles.billable} aria-pressed={fields.billable} aria-label="Billable" title={fields.billable ? "Billable" : "Not billable"} onClick={() => change({ billable: !fields.billable })}>
          $
        </button>
        <button type="button" className={styles.clock} disabled={!running} onClick={onEditRunning} aria-label={running ? `${formatClock(elapsed)} elapsed. Change the start time` : `${formatClock(0)}, not running`} data-testid="timer-clock">
          {formatClock(elapsed)}
        </button>
        {running ? (
          // Not a form action (Enter in the name saves the name, it must not stop): until the page's
          // scripts run it is disabled rather than dropping the click.
          <Button type="button" className={`${styles.startStop} ${styles.stopButton}`} onClick={stopNow} disabled={!hydrated || stop.isPending} aria-keyshortcuts="S">
            {stop.isPending ? "Stopping…" : "Stop"} <kbd aria-hidden>S</kbd>
          </Button>
        ) : (
          <Button type="submit" className={styles.startStop} aria-keyshortcuts="S">
            Start <kbd aria-hidden>S</kbd>
          </Button>
        )}
      </div>
      {running && stop.isError && (
        <p className={styles.barError} role="alert">
          Not stopped: the timer is still running. {stopProblem ?? "Try again when Stint can be reached."}
        </p>
      )}
    </form>
  );
});
