"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Pagination } from "./types";

// Apart from suggestions.ts: the navigation (in every page's first load) needs only this count, and a
// module's code ships whole, with every hook any page uses.

/** How many suggestions wait (the navigation's badge); `initial` comes from the server render. */
export function usePendingCount(initial?: number) {
  return useQuery({
    queryKey: [...keys.suggestions, "count"],
    queryFn: () => apiFetch<{ pagination: Pagination }>("/suggestions?status=pending&per_page=1").then((r) => r.pagination.total),
    initialData: initial,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}
