"use client";

import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useDeleteTask, useTasks } from "@/lib/queries/tasks";
import type { Task } from "@/lib/queries/types";
import { NewTaskForm } from "./new-task-form";
import { TaskRow } from "./task-row";
import styles from "./tasks.module.css";
import { LoadError } from "@/components/ui/load-error";

/** A project's tasks: add, rename, set status and priority, delete. */
export function TaskList({ projectId, projectName }: { projectId: number; projectName: string }) {
  const tasks = useTasks(projectId);
  const remove = useDeleteTask();
  const [deleting, setDeleting] = useState<Task | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const open = tasks.data?.filter((t) => t.status !== "done" && t.status !== "cancelled").length ?? 0;

  return (
    <section className="card stack" aria-labelledby="tasks-title">
      <div className="row">
        <h2 id="tasks-title" className={styles.title} ref={heading} tabIndex={-1}>
          Tasks
        </h2>
        {tasks.data && tasks.data.length > 0 && (
          <span className="muted">
            {open} open of {tasks.data.length}
          </span>
        )}
      </div>
      <NewTaskForm projectId={projectId} />
      {tasks.isPending ? (
        <Skeleton rows={3} />
      ) : tasks.isError ? (
        <LoadError what="tasks" error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <EmptyState title="No tasks yet.">
          <p>Add one above to split {projectName} into steps you can track time on.</p>
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Tasks">
          {tasks.data.map((task) => (
            <TaskRow key={task.id} task={task} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete task “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete task"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              heading.current?.focus();
            },
          })
        }
      >
        <p>Time tracked on this task is kept: it stays on {projectName}, without a task.</p>
      </ConfirmDialog>
    </section>
  );
}
