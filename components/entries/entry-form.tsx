"use client";

import { useState } from "react";
import { ProjectPicker } from "@/components/pickers/project-picker";
import { TagPicker } from "@/components/pickers/tag-picker";
import { TaskPicker } from "@/components/pickers/task-picker";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { requiredNotes } from "@/lib/entries/schema";
import { ApiError, fieldError } from "@/lib/queries/fetch";
import { parseDuration } from "@/lib/time/display";
import styles from "./entries.module.css";

export type EntryFormValues = {
  notes: string;
  projectId: number | null;
  taskId: number | null;
  tags: string[];
  billable: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
};

/** What the form sends: the API's create/update fields, times as wall-clock text in the user's zone. */
export type EntryFormOutput = {
  notes: string;
  project_id: number | null;
  task_id: number | null;
  tags: string[];
  billable: boolean;
  start_time: string;
  end_time?: string;
  duration_seconds?: number;
};

type Props = {
  initial: EntryFormValues;
  /** running: no end (the session is still going); create: end or duration. */
  mode: "create" | "edit" | "running";
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: EntryFormOutput) => void;
  onCancel: () => void;
  /** Shown at the start of the action row (e.g. "Discard timer"). */
  extraAction?: React.ReactNode;
};

/** The fields of a session, shared by "Add a past session" and "Edit session". */
export function EntryForm({ initial, mode, submitLabel, pending, error, onSubmit, onCancel, extraAction }: Props) {
  const [v, setV] = useState(initial);
  const [endLinked, setEndLinked] = useState(initial.startDate === initial.endDate);
  const [useDuration, setUseDuration] = useState(false);
  const [duration, setDuration] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (patch: Partial<EntryFormValues>) => setV((old) => ({ ...old, ...patch }));

  const err = (field: string) => {
    const message = local[field] ?? fieldError(error, field);
    return message ? [message] : undefined;
  };

  const submit = () => {
    const problems: Record<string, string> = {};
    const name = requiredNotes.safeParse(v.notes);
    if (!name.success) problems.notes = name.error.issues[0].message;
    let seconds: number | undefined;
    if (mode === "create" && useDuration) {
      const parsed = parseDuration(duration);
      if (!parsed) problems.duration_seconds = "Use a duration like 1:30, 90m or 1.5h.";
      else seconds = parsed;
    }
    setLocal(problems);
    if (Object.keys(problems).length) return;
    onSubmit({
      notes: v.notes,
      project_id: v.projectId,
      task_id: v.taskId,
      tags: v.tags,
      billable: v.billable,
      start_time: `${v.startDate}T${v.startTime}`,
      ...(mode === "running" ? {} : seconds ? { duration_seconds: seconds } : { end_time: `${v.endDate}T${v.endTime}` }),
    });
  };

  const shownFields = ["notes", "project_id", "task_id", "tags", "start_time", "end_time", "duration_seconds"];
  const general = error instanceof ApiError && !shownFields.some((f) => error.fields[f]) ? error.message : undefined;

  return (
    <form
      className={styles.formGrid}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {general && <p className="form-alert">{general}</p>}
      <TextField label="Name" name="notes" value={v.notes} maxLength={500} autoFocus onChange={(e) => set({ notes: e.target.value })} errors={err("notes")} placeholder="What did you work on?" />
      <div className={styles.pickers}>
        <ProjectPicker value={v.projectId} onChange={(projectId) => set({ projectId, taskId: null })} />
        <TaskPicker projectId={v.projectId} value={v.taskId} onChange={(taskId) => set({ taskId })} />
        <TagPicker value={v.tags} onChange={(tags) => set({ tags })} />
        <label className="checkbox">
          <input type="checkbox" checked={v.billable} onChange={(e) => set({ billable: e.target.checked })} /> Billable
        </label>
      </div>
      {(err("project_id") || err("task_id") || err("tags")) && <p className="field-error">{[err("project_id"), err("task_id"), err("tags")].flat().filter(Boolean).join(" ")}</p>}
      <div className={styles.pair}>
        <TextField label="Start date" type="date" value={v.startDate} required onChange={(e) => set({ startDate: e.target.value, ...(endLinked && { endDate: e.target.value }) })} />
        <TextField label="Start time" type="time" value={v.startTime} required onChange={(e) => set({ startTime: e.target.value })} errors={err("start_time")} />
      </div>
      {mode === "create" && (
        <fieldset className={styles.modeSwitch}>
          <legend className="visually-hidden">Enter the end or the duration</legend>
          <label className="checkbox">
            <input type="radio" name="end-mode" checked={!useDuration} onChange={() => setUseDuration(false)} /> Set the end
          </label>
          <label className="checkbox">
            <input type="radio" name="end-mode" checked={useDuration} onChange={() => setUseDuration(true)} /> Set a duration
          </label>
        </fieldset>
      )}
      {mode !== "running" && !useDuration && (
        <div className={styles.pair}>
          <TextField
            label="End date"
            type="date"
            value={v.endDate}
            required
            onChange={(e) => {
              setEndLinked(false);
              set({ endDate: e.target.value });
            }}
          />
          <TextField label="End time" type="time" value={v.endTime} required onChange={(e) => set({ endTime: e.target.value })} errors={err("end_time")} />
        </div>
      )}
      {mode === "create" && useDuration && (
        <TextField label="Duration" value={duration} onChange={(e) => setDuration(e.target.value)} hint="Like 1:30, 90m or 1.5h" errors={err("duration_seconds")} />
      )}
      <div className="dialog-actions">
        {extraAction}
        <span className="spacer" />
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
