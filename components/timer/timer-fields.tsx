"use client";

import { ProjectList } from "@/components/pickers/lazy-picker-lists";
import { ProjectPicker } from "@/components/pickers/project-picker";
import { TagPicker } from "@/components/pickers/tag-picker";
import { TaskPicker } from "@/components/pickers/task-picker";
import { useLaterValue, type LaterStore } from "@/components/ui/later-store";
import { usePreloadWhenIdle } from "@/components/ui/lazy";
import { useHydrated } from "@/components/ui/use-hydrated";

export type TimerFieldsState = {
  projectId: number | null;
  taskId: number | null;
  tags: string[];
  /** Saves to the running session, or sets what the next one starts with. */
  change: (patch: { projectId?: number | null; taskId?: number | null; tags?: string[]; billable?: boolean | null }) => void;
  running: boolean;
};

/**
 * The timer bar's project, task and tags pickers. Their code (with the tasks and tags queries) loads
 * from the start, alongside the page's own, but is not needed for the timer itself (name, Start/Stop,
 * the shortcuts): the server renders them, and they become usable when it arrives (disabled until then,
 * as the page's other buttons are before its scripts run, and showing the server's HTML: see ProjectPicker).
 */
export function TimerFields({ store }: { store: LaterStore<TimerFieldsState> }) {
  const { projectId, taskId, tags, change, running } = useLaterValue(store);
  const hydrated = useHydrated();
  // The pickers' lists (one module for the three): ready before the first key is pressed in one.
  usePreloadWhenIdle(ProjectList);
  return (
    <>
      <ProjectPicker value={projectId} hydrating={!hydrated} onChange={(id) => change({ projectId: id, taskId: null, billable: running ? undefined : null })} />
      <TaskPicker projectId={projectId} value={taskId} hydrating={!hydrated} onChange={(id) => change({ taskId: id })} />
      <TagPicker value={tags} hydrating={!hydrated} onChange={(list) => change({ tags: list })} />
    </>
  );
}
