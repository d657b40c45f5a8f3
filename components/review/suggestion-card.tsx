"use client";

import { forwardRef, Suspense } from "react";
import type { EntryFormOutput } from "@/components/entries/entry-form";
import { Button } from "@/components/ui/button";
import { lazyNamed } from "@/components/ui/lazy";
import { useTasks } from "@/lib/queries/tasks";
import type { Project, Suggestion } from "@/lib/queries/types";
import { localDate, timeOfDay } from "@/lib/time/display";
import { describeDuration } from "@/lib/time/duration";
import { ActivityTable } from "./activity-table";
import styles from "./review.module.css";

// The edit form (with its pickers) loads when first needed; the review page preloads it when idle.
export const LazyEntryForm = lazyNamed(() => import("@/components/entries/entry-form"), "EntryForm");

type Props = {
  s: Suggestion;
  tz: string;
  projects: Project[];
  selected: boolean;
  editing: boolean;
  busy: boolean;
  error: unknown;
  onSelect: () => void;
  onAccept: (changes?: EntryFormOutput) => void;
  onIgnore: () => void;
  onRestore: () => void;
  onEdit: () => void;
  onCancelEdit: () => void;
};

/** One suggestion: its span, what it proposes, the activity behind it, and what can be done with it (or its
 *  fields, edited in place before accepting). The review page owns selection and keys. */
export const SuggestionCard = forwardRef<HTMLLIElement, Props>(function SuggestionCard({ s, tz, projects, selected, editing, busy, error, onSelect, onAccept, onIgnore, onRestore, onEdit, onCancelEdit }, ref) {
  const project = projects.find((p) => p.id === s.project_id);
  const { data: tasks = [] } = useTasks(s.project_id);
  const task = tasks.find((t) => t.id === s.task_id);
  const span = `${timeOfDay(s.start_time, tz)}–${timeOfDay(s.end_time, tz)}`;
  const titleId = `suggestion-${s.id}-title`;

  return (
    <li
      ref={ref}
      className={styles.card}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? "true" : undefined}
      aria-labelledby={titleId}
      data-selected={selected}
      data-testid="suggestion"
      onFocus={(e) => {
        if (e.target === e.currentTarget || !selected) onSelect();
      }}
    >
      <div className={styles.cardHead}>
        <h3 id={titleId} className={styles.notes}>
          {s.notes}
        </h3>
        <span className={styles.span}>
          <span data-testid="suggestion-span">{span}</span> · <strong>{describeDuration(s.duration_seconds)}</strong>
        </span>
      </div>
      {editing ? (
        <div
          className={styles.edit}
          onKeyDown={(e) => {
            // Escape leaves the edit, unless it is closing an open picker's list first.
            if (e.key !== "Escape" || e.currentTarget.querySelector('[aria-expanded="true"]')) return;
            e.preventDefault();
            onCancelEdit();
          }}
        >
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <LazyEntryForm
              initial={{
                notes: s.notes,
                projectId: s.project_id,
                taskId: s.task_id,
                tags: s.tags,
                billable: s.billable ?? project?.billable ?? false,
                startDate: localDate(s.start_time, tz),
                startTime: timeOfDay(s.start_time, tz),
                endDate: localDate(s.end_time, tz),
                endTime: timeOfDay(s.end_time, tz),
              }}
              mode="edit"
              submitLabel="Accept"
              pending={busy}
              error={error}
              onSubmit={(values) => onAccept(values)}
              onCancel={onCancelEdit}
            />
          </Suspense>
        </div>
      ) : (
        <>
          <dl className={styles.proposed}>
            <div>
              <dt>Project</dt>
              <dd>
                {project ? (
                  <>
                    <span className="color-dot" style={{ background: project.color }} aria-hidden /> {project.name}
                  </>
                ) : (
                  <span className="muted">None</span>
                )}
              </dd>
            </div>
            {task && (
              <div>
                <dt>Task</dt>
                <dd>{task.name}</dd>
              </div>
            )}
            <div>
              <dt>Tags</dt>
              <dd>{s.tags.length ? s.tags.join(", ") : <span className="muted">None</span>}</dd>
            </div>
            <div>
              <dt>Billable</dt>
              <dd>{s.billable === null ? <span className="muted">Project default</span> : s.billable ? "Yes" : "No"}</dd>
            </div>
          </dl>
          <ActivityTable activities={s.activities} />
          {s.trimmed && <p className="muted">Trimmed to stay clear of an entry you already have.</p>}
          <div className={styles.actions}>
            {s.status === "pending" && (
              <>
                <Button type="button" onClick={() => onAccept()} disabled={busy}>
                  Accept
                </Button>
                <Button type="button" variant="secondary" onClick={onEdit} disabled={busy}>
                  Edit
                </Button>
                <Button type="button" variant="secondary" onClick={onIgnore} disabled={busy}>
                  Ignore
                </Button>
              </>
            )}
            {s.status === "ignored" && (
              <Button type="button" variant="secondary" onClick={onRestore} disabled={busy}>
                Restore
              </Button>
            )}
            {s.status === "accepted" && <span className={styles.accepted}>Accepted as a time entry</span>}
          </div>
        </>
      )}
    </li>
  );
});
