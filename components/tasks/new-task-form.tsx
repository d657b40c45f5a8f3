"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldError } from "@/lib/queries/fetch";
import { useCreateTask } from "@/lib/queries/tasks";
import type { Task } from "@/lib/queries/types";
import { PRIORITY_LABEL, TASK_PRIORITIES } from "./labels";
import styles from "./tasks.module.css";

/** Name + priority; after adding, the name box is empty and keeps focus for the next task. */
export function NewTaskForm({ projectId }: { projectId: number }) {
  const create = useCreateTask();
  const [name, setName] = useState("");
  const [priority, setPriority] = useState<Task["priority"]>("medium");
  const nameId = useId();
  const priorityId = useId();
  const nameError = fieldError(create.error, "name");

  return (
    <form
      className={styles.newTask}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { project_id: projectId, name, priority },
          {
            onSuccess: () => {
              setName("");
              create.reset();
              document.getElementById(nameId)?.focus();
            },
          },
        );
      }}
    >
      <div className={styles.newTaskName}>
        <TextField id={nameId} label="New task" value={name} onChange={(e) => {
            setName(e.target.value);
            if (create.error) create.reset();
          }} placeholder="What needs doing?" maxLength={200} autoComplete="off" errors={nameError ? [nameError] : undefined} />
      </div>
      <div className="field">
        <label htmlFor={priorityId}>Priority</label>
        <select id={priorityId} className="select" value={priority} onChange={(e) => setPriority(e.target.value as Task["priority"])}>
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={create.isPending} className={styles.addButton}>
        {create.isPending ? "Adding…" : "Add task"}
      </Button>
    </form>
  );
}
