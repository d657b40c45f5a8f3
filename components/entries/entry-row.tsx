"use client";

import { Suspense, useEffect, useState } from "react";
import type { EntrySyncState } from "@/components/integrations/queries";
import { EditIcon, PlayIcon, TrashIcon } from "@/components/ui/icons";
import { lazyNamed } from "@/components/ui/lazy";
import { useHydrated } from "@/components/ui/use-hydrated";
import { notesProblem } from "@/lib/entries/notes";
import { fieldError } from "@/lib/queries/fetch";
import { useUpdateEntry } from "@/lib/queries/entries";
import type { Entry } from "@/lib/queries/types";
import { formatClock } from "@/lib/time/format";
import { localDate, timeOfDay } from "@/lib/time/display";
import styles from "./entries.module.css";
import { focusAfterDelete } from "./focus-after-delete";

// Only entries of imported projects have one, known after the page has shown: its code loads then.
const EntrySyncBadge = lazyNamed(() => import("@/components/integrations/entry-sync-badge"), "EntrySyncBadge");

type Props = {
  entry: Entry;
  timezone: string;
  /** Its sync state with an integration, when it is in an imported project. */
  sync?: EntrySyncState;
  onContinue: (entry: Entry) => void;
  onEdit: (entry: Entry) => void;
  onDelete: (entry: Entry) => void;
};

/** One saved session: its name is edited in place; everything else in the dialog. */
export function EntryRow({ entry, timezone, sync, onContinue, onEdit, onDelete }: Props) {
  const [name, setName] = useState(entry.notes);
  const [error, setError] = useState<string>();
  const update = useUpdateEntry();
  useEffect(() => setName(entry.notes), [entry.notes]);

  const save = () => {
    if (name.trim() === entry.notes) return setError(undefined);
    // The rule of the forms' schema, without loading zod on the Timer page; the server checks again.
    const problem = notesProblem(name);
    if (problem) return setError(problem);
    setError(undefined);
    update.mutate(
      { id: entry.id, notes: name.trim() },
      {
        onError: (e) => {
          setName(entry.notes);
          setError(fieldError(e, "notes"));
        },
      },
    );
  };

  const start = timeOfDay(entry.start_time, timezone);
  const end = entry.end_time ? timeOfDay(entry.end_time, timezone) : "now";
  const endDate = entry.end_time ? localDate(entry.end_time, timezone) : null;
  // Whole calendar days from the start's local date to the end's ("YYYY-MM-DD" parses as UTC midnight).
  const laterDays = endDate ? Math.round((Date.parse(endDate) - Date.parse(localDate(entry.start_time, timezone))) / 86_400_000) : 0;
  const errorId = `entry-${entry.id}-error`;
  // Rows arrive in the server's HTML, before the scripts that make them work: until hydrated, the buttons
  // are disabled and the name read-only, so an early click or keystroke is not silently lost.
  const hydrated = useHydrated();
  return (
    <li className={styles.row} data-testid="entry-row">
      <div className={styles.main}>
        <input
          className={styles.nameInput}
          aria-label={`Session name (${start}–${end}, ${entry.notes ? `“${entry.notes}”` : "no name yet"})`}
          value={name}
          placeholder="(no name)"
          maxLength={500}
          readOnly={!hydrated}
          onChange={(e) => setName(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.currentTarget.blur();
            if (e.key === "Escape") {
              setName(entry.notes);
              setError(undefined);
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {entry.project && (
          <span className={styles.project}>
            <span className="color-dot" style={{ background: entry.project_color ?? "var(--muted)" }} aria-hidden />
            {entry.project}
            {entry.task && <span className="muted">: {entry.task}</span>}
            {entry.client && <span className="muted"> · {entry.client}</span>}
          </span>
        )}
        {entry.tag_list.length > 0 && <span className={styles.tags}>{entry.tag_list.map((t) => `#${t}`).join(" ")}</span>}
        {entry.billable && (
          <span className={styles.billable} title="Billable" aria-label="Billable">
            $
          </span>
        )}
        {sync && (
          <Suspense>
            <EntrySyncBadge state={sync} />
          </Suspense>
        )}
      </div>
      <span className={styles.times}>
        {start} – {end}
        {laterDays > 0 && (
          <span title={laterDays === 1 ? "Ends the next day" : `Ends ${laterDays} days later, on ${endDate}`}> (+{laterDays})</span>
        )}
        {"  "}
        <span className={styles.duration}>{formatClock(entry.duration_seconds)}</span>
      </span>
      <span className={styles.actions}>
        <button type="button" className="icon-button" disabled={!hydrated} aria-label={`Continue “${entry.notes || "(no name)"}”`} title="Continue (start again)" onClick={() => onContinue(entry)}>
          <PlayIcon />
        </button>
        <button type="button" className="icon-button" disabled={!hydrated} aria-label={`Edit “${entry.notes || "(no name)"}”`} title="Edit" onClick={() => onEdit(entry)}>
          <EditIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete “${entry.notes || "(no name)"}”`}
          title="Delete"
          data-action="delete"
          disabled={!hydrated}
          onClick={(e) => {
            focusAfterDelete(e.currentTarget);
            onDelete(entry);
          }}
        >
          <TrashIcon />
        </button>
      </span>
      {error && (
        <p className={styles.error} id={errorId} role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
