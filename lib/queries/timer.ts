"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { StartTimerInput } from "@/lib/entries/schema";
import { toastError } from "@/lib/stores/toast-error";
import { ApiError, apiFetch } from "./fetch";
import { entryRelated, keys } from "./keys";
import { useInvalidate } from "./sync";
import type { Entry, Project } from "./types";

export type TimerStatus = { active: boolean; timer: Entry | null; server_time?: string };

/** The running session, as the server knows it: refetched on focus and every 5 s, so tabs agree. */
export function useTimer(initial?: TimerStatus) {
  return useQuery({
    queryKey: keys.timer,
    queryFn: () => apiFetch<TimerStatus>("/timer/status"),
    initialData: initial,
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });
}

function optimisticEntry(input: StartTimerInput, projects: Project[] | undefined): Entry {
  const now = new Date().toISOString();
  const project = projects?.find((p) => p.id === input.project_id);
  const tags = typeof input.tags === "string" ? input.tags.split(",").map((t) => t.trim()).filter(Boolean) : (input.tags ?? []);
  return {
    id: -1,
    user_id: 0,
    user: "",
    project_id: project?.id ?? null,
    project: project?.name ?? null,
    project_color: project?.color ?? null,
    client_id: project?.client_id ?? null,
    client: project?.client ?? null,
    task_id: typeof input.task_id === "number" ? input.task_id : null,
    task: null,
    start_time: now,
    end_time: null,
    duration_seconds: 0,
    duration_hours: 0,
    notes: input.notes?.trim() ?? "",
    tags: tags.join(","),
    tag_list: tags,
    billable: input.billable ?? project?.billable ?? false,
    is_active: true,
    source: "timer",
    created_at: now,
    updated_at: now,
  };
}

/**
 * Start (stopping a running session at the same instant). Shows the new timer at once; if the server
 * refuses, the previous state comes back with a message.
 */
export function useStartTimer() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: StartTimerInput) => apiFetch<{ timer: Entry }>("/timer/start", { method: "POST", body: { ...input, replace_running: true } }),
    // Offline, React Query would hold the request and send it later (starting at that later time)
    // while the page shows it running: try at once, so a failure rolls back with a message.
    networkMode: "always",
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: keys.timer });
      const previous = client.getQueryData<TimerStatus>(keys.timer);
      client.setQueryData<TimerStatus>(keys.timer, { active: true, timer: optimisticEntry(input, client.getQueryData<Project[]>(keys.projects)) });
      return { previous };
    },
    onError: (error, _input, context) => {
      client.setQueryData(keys.timer, context?.previous);
      toastError(error, "The timer did not start:");
    },
    onSuccess: (res) => client.setQueryData<TimerStatus>(keys.timer, { active: true, timer: res.timer }),
    onSettled: () => invalidate(entryRelated),
  });
}

/**
 * Stop (now, or at `end_time`). Not optimistic: the timer shows as stopped only once the server has
 * stored its end, so a stop that fails (offline, refused) never looks done; the button says
 * "Stopping…" meanwhile. Field errors are left to the form; anything else becomes a toast.
 */
export function useStopTimer() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { end_time?: string } = {}) => apiFetch<{ time_entry: Entry }>("/timer/stop", { method: "POST", body: input }),
    networkMode: "always", // offline it fails at once and says so, instead of "Stopping…" until reconnected
    // A refetch landing mid-stop would show the timer running after the server stopped it.
    onMutate: () => client.cancelQueries({ queryKey: keys.timer }),
    onSuccess: () => client.setQueryData<TimerStatus>(keys.timer, { active: false, timer: null }),
    onError: (error) => {
      // "No timer is running" means another tab stopped it: the refetch below shows that.
      if (error instanceof ApiError && error.code === "no_active_timer") return;
      if (!stopFieldError(error)) toastError(error, "The timer did not stop:");
    },
    onSettled: () => invalidate(entryRelated),
  });
}

/** Why the server refused this end, when it names a field (end before start, too long...). */
export function stopFieldError(error: unknown): string | undefined {
  return error instanceof ApiError ? Object.values(error.fields).flat()[0] : undefined;
}
