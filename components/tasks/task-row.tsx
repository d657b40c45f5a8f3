"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { InlineName } from "@/components/projects/inline-name";
import { keys } from "@/lib/queries/keys";
import { useUpdateTask } from "@/lib/queries/tasks";
import type { Task } from "@/lib/queries/types";
import { PRIORITY_LABEL, STATUS_LABEL, TASK_PRIORITIES, TASK_STATUSES } from "./labels";
import styles from "./tasks.module.css";

/** One task: its name (renamed in place), status and priority (saved as soon as they change), delete. */
export function TaskRow({ task, onDelete }: { task: Task; onDelete: (t: Task) => void }) {
  const update = useUpdateTask();
  const rename = useUpdateTask();
  const client = useQueryClient();
  const ids = { status: useId(), priority: useId() };
  // While a change is on its way, show what was picked; then put the saved task in the list at once.
  const sent = update.isPending ? update.variables : undefined;
  const status = sent?.status ?? task.status;
  const priority = sent?.priority ?? task.priority;
  const closed = status === "done" || status === "cancelled";

  const save = (patch: { status?: Task["status"]; priority?: Task["priority"] }) =>
    update.mutate(
      { id: task.id, ...patch },
      { onSuccess: (saved) => client.setQueryData<Task[]>([...keys.tasks, task.project_id], (old) => old?.map((t) => (t.id === saved.id ? saved : t))) },
    );

  return (
    <li className={styles.row} data-testid="task-row" data-status={status}>
      <div className={styles.name}>
        <InlineName noun="task" name={task.name} onSave={(name) => rename.mutateAsync({ id: task.id, name })}>
          <span className={closed ? styles.closed : undefined}>{task.name}</span>
        </InlineName>
      </div>
      <div className={styles.controls}>
        <div className={styles.control}>
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} className={`select ${styles.statusSelect}`} value={status} onChange={(e) => save({ status: e.target.value as Task["status"] })} aria-label={`Status of ${task.name}`}>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.control}>
          <label htmlFor={ids.priority}>Priority</label>
          <select
            id={ids.priority}
            className={`select ${styles.prioritySelect}`}
            value={priority}
            onChange={(e) => save({ priority: e.target.value as Task["priority"] })}
            aria-label={`Priority of ${task.name}`}
            data-priority={priority}
          >
            {TASK_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-danger button-small" onClick={() => onDelete(task)} aria-label={`Delete task ${task.name}`}>
          <svg className={styles.deleteIcon} viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6M10 11v6M14 11v6" />
          </svg>
          <span className={styles.deleteText}>Delete</span>
        </button>
      </div>
    </li>
  );
}
