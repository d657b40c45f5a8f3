"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import type { Me } from "./types";

// Apart from me.ts (which re-exports it): the Timer page's first load needs the user, not the settings
// mutation, and a module ships whole, with every hook any page uses.

export function useMe(initial?: Me) {
  return useQuery({ queryKey: keys.me, queryFn: () => apiFetch<{ user: Me }>("/users/me").then((r) => r.user), initialData: initial, staleTime: 60_000 });
}
