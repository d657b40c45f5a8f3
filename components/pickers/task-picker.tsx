"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { useCreateTask, useTasks } from "@/lib/queries/tasks";
import { toastError } from "@/lib/stores/toasts";
import styles from "./pickers.module.css";
import { SearchList } from "./lazy-search-list";
import { useClickOutside } from "./use-click-outside";

type Props = { projectId: number | null; value: number | null; onChange: (taskId: number | null) => void };

/** A task of the chosen project (open ones), or a new task created on the spot. Hidden without a project. */
export function TaskPicker({ projectId, value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: tasks = [] } = useTasks(projectId);
  const create = useCreateTask();
  if (projectId === null) return null;
  const current = tasks.find((t) => t.id === value);
  const usable = tasks.filter((t) => (t.status !== "done" && t.status !== "cancelled") || t.id === value);
  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} data-empty={!current} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`Task: ${current?.name ?? "none"}`}>
        <span aria-hidden>✓</span>
        <span className="label">{current ? current.name : "Task"}</span>
      </button>
      <Suspense>
        {open && (
          <SearchList
            label="Choose task"
            placeholder="Find or create a task…"
            options={[{ key: "none", label: "No task", selected: value === null }, ...usable.map((t) => ({ key: String(t.id), label: t.name, selected: t.id === value, meta: t.status.replace("_", " ") }))]}
            onClose={close}
            onPick={(o) => {
              onChange(o.key === "none" ? null : Number(o.key));
              close();
            }}
            onCreate={(name) =>
              create.mutate(
                { name, project_id: projectId },
                {
                  onSuccess: (task) => {
                    onChange(task.id);
                    close();
                  },
                  onError: (e) => toastError(e, "The task was not created:"),
                },
              )
            }
            createLabel={(name) => `Create task “${name}”`}
          />
        )}
      </Suspense>
    </div>
  );
}
