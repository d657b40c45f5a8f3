"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./fetch";

export type AssignableMember = { user_id: number; name: string; email: string; role: string };

/** The members of the workspace this browser acts in, to assign to a private project (none while unknown). */
export function useAssignableMembers(enabled: boolean) {
  return useQuery({
    queryKey: ["workspace-members", "assignable"],
    enabled,
    staleTime: 60_000,
    retry: false,
    queryFn: async () => {
      const me = await apiFetch<{ workspace: { id: number } }>("/users/me");
      const { members } = await apiFetch<{ members: AssignableMember[] }>(`/workspaces/${me.workspace.id}/members?per_page=100`);
      return members;
    },
  });
}
