"use client";

import { useQuery } from "@tanstack/react-query";
import type { UpdateSettingsInput } from "@/lib/users/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Me } from "./types";

export function useMe(initial?: Me) {
  return useQuery({ queryKey: keys.me, queryFn: () => apiFetch<{ user: Me }>("/users/me").then((r) => r.user), initialData: initial, staleTime: 60_000 });
}

export function useUpdateSettings() {
  // A new zone or week start moves "today" and "this week": everything dated is stale.
  return useApiMutation(
    (input: UpdateSettingsInput) => apiFetch<{ user: Me }>("/users/me", { method: "PATCH", body: input }).then((r) => r.user),
    [keys.me, keys.entries, keys.overview, keys.timer],
  );
}
