"use client";

import { useCallback } from "react";
import { useStartTimer } from "@/lib/queries/timer";
import type { Entry } from "@/lib/queries/types";

/** Continue a past session: start the timer with its name, project, task, tags and billable. Stable
 *  across renders (the Overview's memoised rows take it as a prop). */
export function useContinueEntry(): (e: Entry) => void {
  const { mutate } = useStartTimer();
  return useCallback((e: Entry) => mutate({ notes: e.notes, project_id: e.project_id, task_id: e.task_id, tags: e.tag_list, billable: e.billable }), [mutate]);
}
