"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Pagination, Project } from "./types";

// Apart from projects.ts (which re-exports it): the timer bar needs the list in the Timer page's first
// load, and a module ships whole, with every hook any page uses.

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
