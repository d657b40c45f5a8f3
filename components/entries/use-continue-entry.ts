"use client";

import { useStartTimer } from "@/lib/queries/timer";
import type { Entry } from "@/lib/queries/types";

/** Continue a past session: start the timer with its name, project, task, tags and billable. */
export function useContinueEntry(): (e: Entry) => void {
  const start = useStartTimer();
  return (e) => start.mutate({ notes: e.notes, project_id: e.project_id, task_id: e.task_id, tags: e.tag_list, billable: e.billable });
}
