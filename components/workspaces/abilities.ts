import type { WorkspaceRoleName } from "@/lib/queries/workspaces";

/** What the signed-in member may do on the workspace settings pages, decided by the server's policy
 *  (lib/workspaces/policy.ts) and handed to the client, which only shows or hides controls by it. */
export type WorkspaceAbilities = {
  workspaceId: number;
  userId: number;
  role: WorkspaceRoleName;
  editWorkspace: boolean;
  manageMembers: boolean;
  invite: boolean;
  /** Settings → Webhooks: its link and page (they send every member's changes elsewhere). */
  manageWebhooks: boolean;
  /** The roles the actor may give a member who has role `from` now ("new": an invitation). */
  assignable: Record<WorkspaceRoleName | "new", WorkspaceRoleName[]>;
};

export const ROLE_LABEL: Record<WorkspaceRoleName, string> = { owner: "Owner", admin: "Admin", manager: "Manager", member: "Member" };

/** A rate as the API gives it (numeric columns may come as text) as a number, or null. */
export function rateOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
