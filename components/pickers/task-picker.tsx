"use client";

import { useTasks } from "@/lib/queries/tasks";

type Props = { projectId: number | null; value: number | null; onChange: (taskId: number | null) => void };

/** The tasks of the chosen project, when it has any. */
export function TaskPicker({ projectId, value, onChange }: Props) {
  const { data: tasks = [] } = useTasks(projectId);
  const open = tasks.filter((t) => (t.status !== "done" && t.status !== "cancelled") || t.id === value);
  if (projectId === null || open.length === 0) return null;
  return (
    <select className="select" aria-label="Task" value={value ?? ""} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
      <option value="">No task</option>
      {open.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}
