import type { WorkspaceRole } from "@/db/schema";
import { can, mayAssignRole, ROLES, type Actor } from "./policy";

/**
 * What the settings pages show controls for, asked of the policy once on the server (the browser gets
 * the answers, not the rules). The API decides again on every request; this only spares a member
 * buttons that would be refused.
 */
export function workspaceAbilities(actor: Actor) {
  const resource = { workspaceId: actor.workspaceId };
  const manage = can(actor, "member.manage", resource);
  const assignable = (from: WorkspaceRole | null) => (manage ? ROLES.filter((to) => mayAssignRole(actor, from, to)) : []);
  return {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    role: actor.role,
    editWorkspace: can(actor, "workspace.update", resource),
    manageMembers: manage,
    invite: can(actor, "invitation.manage", resource),
    manageWebhooks: can(actor, "webhook.manage", resource),
    assignable: {
      owner: assignable("owner"),
      admin: assignable("admin"),
      manager: assignable("manager"),
      member: assignable("member"),
      new: can(actor, "invitation.manage", resource) ? ROLES.filter((to) => mayAssignRole(actor, null, to)) : [],
    },
  };
}
