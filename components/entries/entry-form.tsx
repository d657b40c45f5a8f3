"use client";

import { useState } from "react";
import { ProjectPicker } from "@/components/pickers/project-picker";
import { TagPicker } from "@/components/pickers/tag-picker";
import { TaskPicker } from "@/components/pickers/task-picker";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { requiredNotes } from "@/lib/entries/schema";
import { ApiError, fieldError } from "@/lib/queries/fetch";
import { describeDuration, parseDuration } from "@/lib/time/duration";
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

type Field = "notes" | "start_date" | "start_time" | "end_date" | "end_time" | "duration_seconds";
type Problems = Partial<Record<Field, string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
const DURATION_EXAMPLES = "Like 1:30, 1.5 (hours), 90m or 1h30";

/** What is wrong with the form, each problem in words that say what to do. */
function problemsOf(v: EntryFormValues, ends: "end" | "duration" | "none", duration: string): Problems {
  const p: Problems = {};
  const name = requiredNotes.safeParse(v.notes);
  if (!name.success) p.notes = name.error.issues[0].message;
  if (!DATE.test(v.startDate)) p.start_date = "Pick the day it started.";
  if (!TIME.test(v.startTime)) p.start_time = "Enter when it started, like 09:30.";
  if (ends === "duration" && !parseDuration(duration)) p.duration_seconds = `Enter how long it took. ${DURATION_EXAMPLES}.`;
  if (ends === "end") {
    if (!DATE.test(v.endDate)) p.end_date = "Pick the day it ended.";
    if (!TIME.test(v.endTime)) p.end_time = "Enter when it ended, like 17:30.";
    // Wall-clock text of one zone compares in time order.
    else if (!p.start_date && !p.start_time && !p.end_date && `${v.endDate}T${v.endTime}` <= `${v.startDate}T${v.startTime}`)
      p.end_time = "Pick an end after the start.";
  }
  return p;
}

/** How a duration as typed will be read, shown before saving ("90" alone is minutes: it says so). */
function durationHint(text: string): string {
  const seconds = parseDuration(text);
  if (!seconds) return DURATION_EXAMPLES;
  return `= ${describeDuration(seconds)}${/^\d+$/.test(text.trim()) ? " (a number alone is minutes)" : ""}`;
}

/** The fields of a session, shared by "Add a past session" and "Edit session". */
export function EntryForm({ initial, mode, submitLabel, pending, error, onSubmit, onCancel, extraAction }: Props) {
  const [v, setV] = useState(initial);
  const [endLinked, setEndLinked] = useState(initial.startDate === initial.endDate);
  const [useDuration, setUseDuration] = useState(false);
  const [duration, setDuration] = useState("");
  // After the first Save the form checks itself on every change, so an error goes once it is fixed.
  const [checked, setChecked] = useState(false);
  // Fields changed since the server answered: its message about them is out of date.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const ends = mode === "running" ? "none" : mode === "create" && useDuration ? "duration" : "end";
  const problems = checked ? problemsOf(v, ends, duration) : {};

  const touch = (...fields: string[]) => setEdited((old) => new Set([...old, ...fields]));
  const set = (patch: Partial<EntryFormValues>, ...fields: string[]) => {
    setV((old) => ({ ...old, ...patch }));
    touch(...fields);
  };

  const err = (field: Field, serverField: string = field) => {
    const message = problems[field] ?? (edited.has(serverField) ? undefined : fieldError(error, serverField));
    return message ? [message] : undefined;
  };

  const submit = () => {
    setChecked(true);
    setEdited(new Set());
    if (Object.keys(problemsOf(v, ends, duration)).length) return;
    onSubmit({
      notes: v.notes,
      project_id: v.projectId,
      task_id: v.taskId,
      tags: v.tags,
      billable: v.billable,
      start_time: `${v.startDate}T${v.startTime}`,
      ...(ends === "none" ? {} : ends === "duration" ? { duration_seconds: parseDuration(duration)! } : { end_time: `${v.endDate}T${v.endTime}` }),
    });
  };

  const shownFields = ["notes", "project_id", "task_id", "tags", "start_time", "end_time", "duration_seconds"];
  const general = error instanceof ApiError && !shownFields.some((f) => error.fields[f]) ? error.message : undefined;
  const refErrors = (["project_id", "task_id", "tags"] as const).map((f) => !edited.has(f) && fieldError(error, f)).filter(Boolean);

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
      <TextField label="Name" name="notes" value={v.notes} maxLength={500} autoFocus onChange={(e) => set({ notes: e.target.value }, "notes")} errors={err("notes")} placeholder="What did you work on?" />
      <div className={styles.pickers}>
        <ProjectPicker value={v.projectId} onChange={(projectId) => set({ projectId, taskId: null }, "project_id", "task_id")} />
        <TaskPicker projectId={v.projectId} value={v.taskId} onChange={(taskId) => set({ taskId }, "task_id")} />
        <TagPicker value={v.tags} onChange={(tags) => set({ tags }, "tags")} />
        <label className="checkbox">
          <input type="checkbox" checked={v.billable} onChange={(e) => set({ billable: e.target.checked })} /> Billable
        </label>
      </div>
      {refErrors.length > 0 && <p className="field-error">{refErrors.join(" ")}</p>}
      <div className={styles.pair}>
        <TextField
          label="Start date"
          type="date"
          value={v.startDate}
          required
          onChange={(e) => set({ startDate: e.target.value, ...(endLinked && { endDate: e.target.value }) }, "start_time", "end_time")}
          errors={err("start_date", "start_date")}
        />
        <TextField label="Start time" type="time" value={v.startTime} required onChange={(e) => set({ startTime: e.target.value }, "start_time", "end_time")} errors={err("start_time")} />
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
      {ends === "end" && (
        <div className={styles.pair}>
          <TextField
            label="End date"
            type="date"
            value={v.endDate}
            required
            onChange={(e) => {
              setEndLinked(false);
              set({ endDate: e.target.value }, "end_time");
            }}
            errors={err("end_date", "end_date")}
          />
          <TextField label="End time" type="time" value={v.endTime} required onChange={(e) => set({ endTime: e.target.value }, "end_time")} errors={err("end_time")} />
        </div>
      )}
      {ends === "duration" && (
        <TextField
          label="Duration"
          value={duration}
          onChange={(e) => {
            setDuration(e.target.value);
            touch("duration_seconds", "end_time");
          }}
          hint={durationHint(duration)}
          // The server speaks of the end it computed (e.g. an overlap with the running timer).
          errors={err("duration_seconds") ?? err("end_time")}
        />
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
