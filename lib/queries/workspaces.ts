"use client";

import { useQuery } from "@tanstack/react-query";
import type { serializeInvitation } from "@/lib/workspaces/invitations";
import type { serializeMember } from "@/lib/workspaces/members";
import type { UpdateMemberInput, UpdateWorkspaceInput } from "@/lib/workspaces/schema";
import type { serializeWorkspace } from "@/lib/workspaces/service";
import { fetchAllPages } from "./all-pages";
import { apiFetch } from "./fetch";
import { keys } from "./keys";
import { useApiMutation } from "./mutation";

// Settings → Workspace, Members, Invitations: /api/v1/workspaces/{id}/... with the browser session.

export type WorkspaceInfo = ReturnType<typeof serializeWorkspace>;
export type WorkspaceRoleName = WorkspaceInfo["role"];
export type MemberInfo = ReturnType<typeof serializeMember>;
/** `url` only in the answer that created it (the link is shown once). */
export type InvitationInfo = ReturnType<typeof serializeInvitation> & { url?: string };

export type WorkspacePatch = UpdateWorkspaceInput;
export type MemberPatch = UpdateMemberInput;

const workspaceKey = (id: number) => ["workspace", id] as const;
const membersKey = (id: number) => ["workspace", id, "members"] as const;
const invitationsKey = (id: number) => ["workspace", id, "invitations"] as const;

export function useWorkspace(id: number) {
  return useQuery({ queryKey: workspaceKey(id), queryFn: () => apiFetch<{ workspace: WorkspaceInfo }>(`/workspaces/${id}`).then((r) => r.workspace) });
}

export function useUpdateWorkspace(id: number) {
  return useApiMutation((patch: WorkspacePatch) => apiFetch<{ workspace: WorkspaceInfo }>(`/workspaces/${id}`, { method: "PATCH", body: patch }).then((r) => r.workspace), [
    workspaceKey(id),
    keys.reports, // the workspace's rounding and currency are every report's defaults
  ]);
}

/** Every member, however many (page by page). */
export function useMembers(id: number, enabled = true) {
  return useQuery({ queryKey: membersKey(id), enabled, queryFn: () => fetchAllPages<"members", MemberInfo>(`/workspaces/${id}/members`, "members") });
}

export function useUpdateMember(id: number) {
  return useApiMutation(
    ({ userId, patch }: { userId: number; patch: MemberPatch }) => apiFetch<{ member: MemberInfo }>(`/workspaces/${id}/members/${userId}`, { method: "PATCH", body: patch }),
    [membersKey(id), ["team"]],
  );
}

export function useRemoveMember(id: number) {
  return useApiMutation((userId: number) => apiFetch(`/workspaces/${id}/members/${userId}`, { method: "DELETE" }), [membersKey(id), ["team"]], {
    errorPrefix: "The member was not removed:",
  });
}

export function useInvitations(id: number, enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey(id),
    queryFn: () => apiFetch<{ invitations: InvitationInfo[] }>(`/workspaces/${id}/invitations?per_page=100`).then((r) => r.invitations),
    enabled,
  });
}

export function useCreateInvitation(id: number) {
  return useApiMutation(
    (input: { email: string; role: WorkspaceRoleName }) => apiFetch<{ invitation: InvitationInfo }>(`/workspaces/${id}/invitations`, { method: "POST", body: input }).then((r) => r.invitation),
    [invitationsKey(id)],
  );
}

export function useRevokeInvitation(id: number) {
  return useApiMutation((invitationId: number) => apiFetch(`/workspaces/${id}/invitations/${invitationId}`, { method: "DELETE" }), [invitationsKey(id)], {
    errorPrefix: "The invitation was not revoked:",
  });
}
