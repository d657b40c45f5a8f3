"use client";

import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { EditIcon } from "@/components/ui/icons";
import { useUpdateEntry } from "@/lib/queries/entries";
import { ApiError } from "@/lib/queries/fetch";
import { useProjects } from "@/lib/queries/projects";
import type { ReportEntry } from "@/lib/queries/reports";
import { API_FIELDS, type DraftField, type DraftProblems, draftOf, draftProblems, type EntryDraft, entryPatch } from "./entry-edit";
import { TagsField, TaskSelect } from "./entry-fields";
import { when } from "./entries-table";
import { duration, money } from "./format";
import styles from "./reports.module.css";

type Props = {
  entry: ReportEntry;
  timeZone: string;
  currency: string;
  showMember: boolean;
  /** The report rounds each entry: its rounded time and amount get columns of their own. */
  showRounded: boolean;
  /** The signed-in member's own entry: only those are edited here (others' rows are read-only). */
  editable: boolean;
  columns: number;
  onSaved: (message: string) => void;
};

const nameOf = (entry: ReportEntry) => (entry.description ? `“${entry.description}”` : "(no description)");

/**
 * One entry of the report. The member's own entries are edited in place: Edit turns the row into fields
 * (description, project and task, tags, billable, start and end); Enter or leaving the row saves, Escape cancels, and
 * what the server refuses shows under the row. A save refreshes the whole report (entryRelated).
 */
export function ReportEntryRow({ entry, timeZone, currency, showMember, showRounded, editable, columns, onSaved }: Props) {
  const [draft, setDraft] = useState<EntryDraft | null>(null);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [general, setGeneral] = useState<string>();
  const update = useUpdateEntry({ inlineErrors: true });
  const projects = useProjects();
  const editButton = useRef<HTMLButtonElement>(null);
  // The entry's row and, while editing, the row under it (Save, Cancel, the keys, what went wrong): one unit for focus.
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  // A save or cancel under way: the blur that follows it (the fields go away) must not save again.
  const settling = useRef(false);
  // After Enter, Save, Cancel or Escape, focus goes back to the row's Edit button once it is shown again.
  const refocus = useRef(false);
  useEffect(() => {
    if (draft === null && refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  }, [draft]);
  const id = `report-entry-${entry.id}`;

  const start = () => {
    settling.current = false;
    setProblems({});
    setGeneral(undefined);
    setDraft(draftOf(entry, timeZone));
  };
  const close = (focusBack: boolean) => {
    settling.current = true;
    setDraft(null);
    setProblems({});
    setGeneral(undefined);
    refocus.current = focusBack;
  };
  const save = (focusBack: boolean) => {
    if (!draft || settling.current || update.isPending) return;
    const initial = draftOf(entry, timeZone);
    const found = draftProblems(initial, draft);
    setProblems(found);
    setGeneral(undefined);
    if (Object.keys(found).length) return;
    const patch = entryPatch(initial, draft);
    if (!patch) return close(focusBack);
    settling.current = true;
    update.mutate(
      { id: entry.id, ...patch },
      {
        onSuccess: () => {
          close(focusBack);
          onSaved(`Saved ${draft.description.trim() ? `“${draft.description.trim()}”` : "the entry"}.`);
        },
        onError: (error) => {
          settling.current = false;
          const fromServer: DraftProblems = {};
          const fields = error instanceof ApiError ? error.fields : {};
          for (const [field, messages] of Object.entries(fields)) {
            const mine = API_FIELDS[field.split(".")[0]]; // "tags.0": the list's field
            if (mine && messages?.[0]) fromServer[mine] ??= messages[0];
          }
          setProblems(fromServer);
          setGeneral(Object.keys(fromServer).length ? undefined : error.message);
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (!draft) return;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      save(true);
    }
  };
  // Leaving the row (not moving between its fields and buttons) saves, as a spreadsheet does.
  const onBlur = (e: FocusEvent<HTMLTableRowElement>) => {
    const to = e.relatedTarget as Node | null;
    if (draft && !rows.current.some((row) => row?.contains(to))) save(false);
  };

  const messages = [...Object.values(problems), ...(general ? [general] : [])];
  const errorId = `${id}-error`;
  const invalid = (field: DraftField) => (problems[field] ? { "aria-invalid": true as const, "aria-describedby": errorId } : {});
  // Named after the entry: the task and tags controls sit in a row among others like it.
  const named = (what: string) => `${what} of ${nameOf(entry)}`;
  const set = (patch: Partial<EntryDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const options = (projects.data ?? []).filter((p) => p.status !== "archived" || p.id === entry.project_id);
  const busy = update.isPending;

  return (
    <>
      <tr ref={(el) => void (rows.current[0] = el)} data-testid="report-entry" data-editing={draft ? "true" : undefined} onKeyDown={onKeyDown} onBlur={onBlur}>
        <td className={styles.nowrap}>
          {draft ? (
            <div className={styles.editTimes}>
              <label className={styles.editLabel}>
                Start
                <input className="input" type="datetime-local" value={draft.start} disabled={busy} onChange={(e) => set({ start: e.target.value })} {...invalid("start")} />
              </label>
              {draft.end !== null ? (
                <label className={styles.editLabel}>
                  End
                  <input className="input" type="datetime-local" value={draft.end} disabled={busy} onChange={(e) => set({ end: e.target.value })} {...invalid("end")} />
                </label>
              ) : (
                <span className="muted">Running</span>
              )}
            </div>
          ) : (
            when(entry, timeZone)
          )}
        </td>
        {showMember && <td>{entry.user}</td>}
        <td>
          {draft ? (
            <input
              className={`input ${styles.editText}`}
              aria-label="Description"
              value={draft.description}
              maxLength={500}
              autoFocus
              disabled={busy}
              onChange={(e) => set({ description: e.target.value })}
              {...invalid("description")}
              aria-describedby={[`${id}-keys`, problems.description ? errorId : ""].filter(Boolean).join(" ")}
            />
          ) : (
            entry.description || <span className="muted">(no description)</span>
          )}
        </td>
        <td>
          {draft ? (
            <div className={styles.editStack}>
              {/* Another project's tasks are not this one's: a new project starts with none (the API drops the old one too). */}
              <select className={`input ${styles.editProject}`} aria-label="Project" value={draft.projectId ?? ""} disabled={busy} onChange={(e) => set({ projectId: e.target.value ? Number(e.target.value) : null, taskId: null })} {...invalid("project")}>
                <option value="">No project</option>
                {entry.project_id !== null && !options.some((p) => p.id === entry.project_id) && <option value={entry.project_id}>{entry.project}</option>}
                {options.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.client ? `${p.name} · ${p.client}` : p.name}
                  </option>
                ))}
              </select>
              {draft.projectId !== null && (
                <TaskSelect
                  projectId={draft.projectId}
                  value={draft.taskId}
                  saved={entry.task_id !== null && entry.task !== null ? { id: entry.task_id, name: entry.task } : null}
                  label={named("Task")}
                  disabled={busy}
                  onChange={(taskId) => set({ taskId })}
                  described={invalid("task")}
                />
              )}
            </div>
          ) : (
            <>
              {entry.project ?? <span className="muted">No project</span>}
              {entry.client && <span className="muted"> · {entry.client}</span>}
              {entry.task && <span className="muted"> · {entry.task}</span>}
            </>
          )}
        </td>
        <td>
          {draft ? (
            <TagsField value={draft.tags} label={named("Tags")} disabled={busy} onChange={(tags) => set({ tags })} describedBy={problems.tags ? errorId : undefined} />
          ) : (
            entry.tags.join(", ")
          )}
        </td>
        <td>
          {draft ? (
            <label className="checkbox">
              <input type="checkbox" checked={draft.billable} disabled={busy} onChange={(e) => set({ billable: e.target.checked })} {...invalid("billable")} /> Billable
            </label>
          ) : entry.billable ? (
            "Yes"
          ) : (
            "No"
          )}
        </td>
        <td className={styles.num}>{duration(entry.seconds)}</td>
        {showRounded && <td className={styles.num}>{entry.rounded_seconds === null ? "—" : duration(entry.rounded_seconds)}</td>}
        <td className={styles.num}>{money(entry.amount, currency)}</td>
        {showRounded && <td className={styles.num}>{money(entry.rounded_amount, currency)}</td>}
        <td>
          {editable && !draft && (
            <button ref={editButton} type="button" className="icon-button" aria-label={`Edit ${nameOf(entry)}`} title="Edit in place" onClick={start}>
              <EditIcon />
            </button>
          )}
        </td>
      </tr>
      {draft && (
        // Under the row, from its left edge: on a narrow screen the wide table scrolls, these stay in sight.
        <tr ref={(el) => void (rows.current[1] = el)} onKeyDown={onKeyDown} onBlur={onBlur}>
          <td colSpan={columns}>
            <div className={styles.editPanel}>
              <div className={styles.editActions}>
                <Button type="button" className="button-small" disabled={busy} onClick={() => save(true)}>
                  {busy ? "Saving…" : "Save"}
                </Button>
                <Button type="button" variant="secondary" className="button-small" disabled={busy} onClick={() => close(true)}>
                  Cancel
                </Button>
                <span id={`${id}-keys`} className="muted">
                  Enter saves, Escape cancels.
                </span>
              </div>
              {messages.length > 0 && (
                <p className="form-alert" id={errorId} role="alert">
                  Not saved: {messages.join(" ")}
                </p>
              )}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
