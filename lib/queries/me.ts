"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { UpdateSettingsInput } from "@/lib/users/schema";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";
import type { Me } from "./types";

// useMe is in current-user.ts: the Timer page's first load needs it, not the settings mutation.
export { useMe } from "./current-user";

export function useUpdateSettings() {
  const client = useQueryClient();
  // A new zone or week start moves "today" and "this week": everything dated is stale (and a new currency
  // changes the amounts the project pages show).
  return useApiMutation(
    (input: UpdateSettingsInput) =>
      apiFetch<{ user: Me }>("/users/me", { method: "PATCH", body: input }).then((r) => {
        // The saved user at once (a form showing it does not flash the old values until the refetch).
        client.setQueryData(keys.me, r.user);
        return r.user;
      }),
    [keys.me, keys.entries, keys.overview, keys.timer, keys.projects],
  );
}
