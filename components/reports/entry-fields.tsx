"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTags } from "@/lib/queries/tags";
import { useTasks } from "@/lib/queries/tasks";
import styles from "./reports.module.css";

// The task and tags of an entry edited in place on the Reports page (report-entry-row.tsx). Plain form
// controls, not the Timer's pickers: those are popovers whose search box takes Enter and Escape, and
// unmounts with focus in it, which the row reads as "leave and save". Here Enter still saves and Escape
// still cancels, except that Escape first closes an open tag list.

type Described = { "aria-invalid"?: true; "aria-describedby"?: string };

type TaskProps = {
  projectId: number;
  value: number | null;
  /** The entry's saved task, shown while the project's tasks load (or if it is no longer among them). */
  saved: { id: number; name: string } | null;
  label: string;
  disabled: boolean;
  onChange: (taskId: number | null) => void;
  described: Described;
};

/** A task of the chosen project: its open ones, and the chosen one whatever its status. */
export function TaskSelect({ projectId, value, saved, label, disabled, onChange, described }: TaskProps) {
  const tasks = useTasks(projectId).data ?? [];
  const usable = tasks.filter((t) => (t.status !== "done" && t.status !== "cancelled") || t.id === value);
  const fallback = value !== null && saved?.id === value && !usable.some((t) => t.id === value) ? saved : null;
  return (
    <select className={`input ${styles.editProject}`} aria-label={label} value={value ?? ""} disabled={disabled} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)} {...described}>
      <option value="">No task</option>
      {fallback && <option value={fallback.id}>{fallback.name}</option>}
      {usable.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}

type TagsProps = { value: string[]; label: string; disabled: boolean; onChange: (tags: string[]) => void; describedBy?: string };

/**
 * The entry's tags: a button that opens a list of the workspace's tags as checkboxes, in the row (not a
 * popover: the entries table scrolls and would clip one). Opening moves focus to the first tag; arrows
 * move between tags, Space ticks one, Escape closes the list and returns to the button.
 */
export function TagsField({ value, label, disabled, onChange, describedBy }: TagsProps) {
  const [open, setOpen] = useState(false);
  const tags = useTags().data;
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const listId = useId();
  const chosen = new Set(value.map((v) => v.toLowerCase()));
  // The workspace's tags, and any of the entry's that list does not hold (yet).
  const names = [...(tags ?? []).map((t) => t.name), ...value.filter((v) => !tags?.some((t) => t.name.toLowerCase() === v.toLowerCase()))];
  const toggle = (name: string) => onChange(chosen.has(name.toLowerCase()) ? value.filter((v) => v.toLowerCase() !== name.toLowerCase()) : [...value, name]);

  const loaded = tags !== undefined;
  useEffect(() => {
    if (open) list.current?.querySelector("input")?.focus();
  }, [open, loaded]);
  // Focus goes back to the button before the list goes, so the row never sees focus leave it.
  const closeList = () => {
    button.current?.focus();
    setOpen(false);
  };
  const onListKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const boxes = [...(list.current?.querySelectorAll("input") ?? [])];
    const at = boxes.indexOf(e.target as HTMLInputElement);
    if (e.key === "Escape") closeList();
    else if (e.key === "ArrowDown" && at >= 0) boxes[Math.min(at + 1, boxes.length - 1)]?.focus();
    else if (e.key === "ArrowUp" && at >= 0) boxes[Math.max(at - 1, 0)]?.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className={styles.editTags}>
      <button
        ref={button}
        type="button"
        className={`input ${styles.editTagsButton}`}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key !== "Escape" || !open) return;
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        }}
      >
        <span className="visually-hidden">{label}: </span>
        {value.length ? value.join(", ") : <span className="muted">No tags</span>}
      </button>
      {open && (
        <div ref={list} id={listId} role="group" aria-label={label} className={styles.editTagList} onKeyDown={onListKeyDown}>
          {tags === undefined ? (
            <span className="muted">Loading tags…</span>
          ) : names.length === 0 ? (
            <span className="muted">No tags yet: create them on the Tags page or in the entry’s dialog.</span>
          ) : (
            names.map((name) => (
              <label key={name} className="checkbox">
                <input type="checkbox" checked={chosen.has(name.toLowerCase())} disabled={disabled} onChange={() => toggle(name)} /> {name}
              </label>
            ))
          )}
        </div>
      )}
    </div>
  );
}
