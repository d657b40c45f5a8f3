"use client";

import { useQuery } from "@tanstack/react-query";
import type { CreateTaskInput, UpdateTaskInput } from "@/lib/tasks/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Pagination, Task } from "./types";

/** Tasks of one project (or none when projectId is null). */
export function useTasks(projectId: number | null) {
  return useQuery({
    queryKey: [...keys.tasks, projectId],
    enabled: projectId !== null,
    queryFn: async () => {
      const all: Task[] = [];
      for (let page = 1; ; page++) {
        const res = await apiFetch<{ tasks: Task[]; pagination: Pagination }>(`/tasks?project_id=${projectId}&per_page=100&page=${page}`);
        all.push(...res.tasks);
        if (!res.pagination.has_next) return all;
      }
    },
  });
}

export function useCreateTask() {
  return useApiMutation((input: CreateTaskInput) => apiFetch<{ task: Task }>("/tasks", { method: "POST", body: input }).then((r) => r.task), [keys.tasks]);
}

export function useUpdateTask() {
  return useApiMutation(
    ({ id, ...input }: UpdateTaskInput & { id: number }) => apiFetch<{ task: Task }>(`/tasks/${id}`, { method: "PATCH", body: input }).then((r) => r.task),
    [keys.tasks, keys.entries, keys.timer],
  );
}

export function useDeleteTask() {
  return useApiMutation((id: number) => apiFetch(`/tasks/${id}`, { method: "DELETE" }), [keys.tasks, keys.entries, keys.timer]);
}
