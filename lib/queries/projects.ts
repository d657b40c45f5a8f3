"use client";

import { useQuery } from "@tanstack/react-query";
import type { CreateProjectInput, UpdateProjectInput } from "@/lib/projects/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Pagination, Project } from "./types";

type Page = { projects: Project[]; pagination: Pagination };

/** All of the user's projects (every status), fetched page by page. */
export function useProjects() {
  return useQuery({
    queryKey: keys.projects,
    queryFn: async () => {
      const all: Project[] = [];
      for (let page = 1; ; page++) {
        const res = await apiFetch<Page>(`/projects?status=all&per_page=100&page=${page}`);
        all.push(...res.projects);
        if (!res.pagination.has_next) return all;
      }
    },
  });
}

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
