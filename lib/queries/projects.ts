"use client";

import { useQuery } from "@tanstack/react-query";
import type { CreateProjectInput, UpdateProjectInput } from "@/lib/projects/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Project } from "./types";

// useProjects is in project-list.ts: the Timer page's first load needs it, not this file's mutations.
export { useProjects } from "./project-list";

export function useCreateProject() {
  return useApiMutation((input: CreateProjectInput) => apiFetch<{ project: Project }>("/projects", { method: "POST", body: input }).then((r) => r.project), [keys.projects]);
}

export function useUpdateProject() {
  return useApiMutation(
    ({ id, ...input }: UpdateProjectInput & { id: number }) => apiFetch<{ project: Project }>(`/projects/${id}`, { method: "PATCH", body: input }).then((r) => r.project),
    [keys.projects, keys.entries, keys.timer, keys.overview],
  );
}

/** One project (for its own page); `initial` comes from the server render. Refreshed with the list. */
export function useProject(id: number, initial?: Project) {
  return useQuery({
    queryKey: [...keys.projects, id],
    queryFn: () => apiFetch<{ project: Project }>(`/projects/${id}`).then((r) => r.project),
    initialData: initial,
  });
}
