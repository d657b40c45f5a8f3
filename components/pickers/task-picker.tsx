"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { useCreateTask, useTasks } from "@/lib/queries/tasks";
import { toastError } from "@/lib/stores/toasts";
import styles from "./pickers.module.css";
import { TaskList } from "./lazy-picker-lists";
import { useClickOutside } from "./use-click-outside";

type Props = { projectId: number | null; value: number | null; onChange: (taskId: number | null) => void; /** See ProjectPicker. */ hydrating?: boolean };

/** A task of the chosen project (open ones), or a new task created on the spot. Hidden without a project. */
export function TaskPicker({ projectId, value, onChange, hydrating }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: tasks = [] } = useTasks(projectId);
  const create = useCreateTask();
  if (projectId === null) return null;
  const current = hydrating ? undefined : tasks.find((t) => t.id === value);
  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} disabled={hydrating} data-empty={!current} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`Task: ${current?.name ?? "none"}`}>
        <span aria-hidden>✓</span>
        <span className="label">{current ? current.name : "Task"}</span>
      </button>
      <Suspense>
        {open && (
          <TaskList
            value={value}
            tasks={tasks}
            onClose={close}
            onPick={(taskId) => {
              onChange(taskId);
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
          />
        )}
      </Suspense>
    </div>
  );
}
