import type { WorkspaceRole } from "@/db/schema";
import { AppError } from "@/lib/errors";

// The one place that decides who may do what in a workspace. Services call assertCan() (or filter with
// can()) before they read or write; route handlers, pages and actions hold no authorization logic.
//
// Two things decide: the member's role in the workspace, and, for API tokens, the token's scopes. A token
// reaches other members' data only when it says so: `admin:all` (owners and admins), or `read:team` for
// reading (managers and up). A browser session carries the role's full powers.

export const ROLES = ["owner", "admin", "manager", "member"] as const satisfies readonly WorkspaceRole[];

/** Who is acting: a member of one workspace, through a browser session or an API token. */
export type Actor = {
  userId: number;
  workspaceId: number;
  role: WorkspaceRole;
  scopes: readonly string[];
  via: "session" | "token";
};

export const ACTIONS = [
  "workspace.read",
  "workspace.update", // name, currency, default rate
  "workspace.delete",
  "workspace.transfer", // make a member an owner, or change an owner's role
  "member.list",
  "member.manage", // role (below owner), hourly rate, remove
  "invitation.manage",
  "catalog.read", // projects, clients, tasks, tags (private projects: see canSeeProject)
  "catalog.manage", // create, edit, archive, delete projects, clients, tasks; rename and delete tags
  "tag.create", // tagging an entry with a new name creates the tag
  "entry.read", // resource.ownerId: whose entries
  "entry.write",
  "report.read", // resource.ownerId: whose time (undefined: the whole workspace)
  "report.save", // keep one's own saved reports (each member sees and manages only their own)
  "report.share", // give one's own saved report a read-only link that works without signing in
  "team.read", // the Team page: who is tracking now, hours per member
  "integration.connect", // connect one's own accounts elsewhere (personal credentials, reached by nobody else)
  "integration.import", // import a connection's remote projects and tasks: they join the workspace's catalog
  "webhook.read", // the workspace's webhooks and their deliveries
  "webhook.manage", // add, change, test, rotate, redeliver, delete webhooks
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Whose data another user's is, in this workspace: a member's now; a former member's (removed, or left,
 * with entries that stay attributed to them); or a stranger's (never tracked here: nothing to reach).
 */
export type Subject = "member" | "former" | "stranger";

/**
 * What is acted on: always in some workspace; for entries and reports, whose they are (`subject`: who that
 * owner is here, when it is not the actor; `adding`: new time for them rather than what they tracked).
 */
export type Resource = { workspaceId: number; ownerId?: number; subject?: Subject; adding?: boolean };

type Rule = Record<WorkspaceRole, boolean>;
const all: Rule = { owner: true, admin: true, manager: true, member: true };
const managers: Rule = { owner: true, admin: true, manager: true, member: false };
const admins: Rule = { owner: true, admin: true, manager: false, member: false };
const owners: Rule = { owner: true, admin: false, manager: false, member: false };

/** The role table (tested in policy.test.ts as role × action × own/other/other-workspace). For entry.* and
 *  report.read it is the rule for OTHER members' data: everyone may act on their own. */
export const ROLE_TABLE: Record<Action, Rule> = {
  "workspace.read": all,
  "workspace.update": admins,
  "workspace.delete": owners,
  "workspace.transfer": owners,
  "member.list": all,
  "member.manage": admins,
  "invitation.manage": admins,
  "catalog.read": all,
  "catalog.manage": managers,
  "tag.create": all,
  "entry.read": managers,
  "entry.write": admins,
  "report.read": managers,
  "report.save": all,
  // A link shows the report as its owner may see it now, to whoever holds it: every member, for their own.
  "report.share": all,
  "team.read": managers,
  "integration.connect": all,
  // An import creates and renames the workspace's projects and tasks: the catalog.manage rule, not connect's.
  "integration.import": managers,
  // A webhook sends every change of the workspace (everyone's entries) to a URL: owners and admins only.
  "webhook.read": admins,
  "webhook.manage": admins,
};

/** The token scope an action on another member's data needs (sessions need none). */
function scopeForOthers(action: Action): string | null {
  if (action === "entry.read" || action === "report.read" || action === "team.read") return "read:team";
  if (action === "entry.write") return "admin:all";
  return null;
}

function isOthers(actor: Actor, action: Action, resource: Resource): boolean {
  if (action === "team.read") return true;
  return (action === "entry.read" || action === "entry.write" || action === "report.read") && resource.ownerId !== actor.userId;
}

export type Decision = { allowed: true } | { allowed: false; code: "not_found" | "forbidden" | "insufficient_scope"; scope?: string };

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  // Another workspace's rows do not exist for this actor: 404, never "forbidden" (which would tell they exist).
  if (resource.workspaceId !== actor.workspaceId) return { allowed: false, code: "not_found" };
  const others = isOthers(actor, action, resource);
  const byRole = others || !(action === "entry.read" || action === "entry.write" || action === "report.read") ? ROLE_TABLE[action][actor.role] : true;
  if (!byRole) return { allowed: false, code: "forbidden" };
  if (others && actor.via === "token") {
    const scope = scopeForOthers(action);
    const granted = actor.scopes.includes("admin:all") || (scope !== null && actor.scopes.includes(scope));
    if (scope && !granted) return { allowed: false, code: "insufficient_scope", scope };
  }
  // Only after the role and scope allowed acting on others, so nobody learns who is a member. A former
  // member's entries stay readable, editable and deletable by the roles that may act on a member's; no new
  // time is booked for them. A stranger has nothing here.
  if (others && resource.subject && resource.ownerId !== undefined) {
    if (resource.subject === "stranger" || (resource.subject === "former" && resource.adding)) return { allowed: false, code: "not_found" };
  }
  return { allowed: true };
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

const WHAT: Record<Action, string> = {
  "workspace.read": "see this workspace",
  "workspace.update": "change this workspace's settings",
  "workspace.delete": "delete this workspace",
  "workspace.transfer": "change who owns this workspace",
  "member.list": "see this workspace's members",
  "member.manage": "manage this workspace's members",
  "invitation.manage": "invite people to this workspace",
  "catalog.read": "see this workspace's projects",
  "catalog.manage": "manage this workspace's projects, clients, tasks and tags",
  "tag.create": "create tags",
  "entry.read": "see other members' time entries",
  "entry.write": "change other members' time entries",
  "report.read": "report on other members' time",
  "report.save": "save reports",
  "report.share": "share reports",
  "team.read": "see the team's activity",
  "integration.connect": "connect integrations",
  "integration.import": "import projects into this workspace (an import adds to its projects and tasks, which managers, admins and owners manage)",
  "webhook.read": "see this workspace's webhooks (they carry every member's changes: owners and admins only)",
  "webhook.manage": "manage this workspace's webhooks (they carry every member's changes: owners and admins only)",
};

/** Throws the error the API answers with when the actor may not: 404 for another workspace's row (so
 *  `what` is the thing not found), 403 forbidden for the role, 403 insufficient_scope for the token. */
export function assertCan(actor: Actor, action: Action, resource: Resource, notFound = "Not found."): void {
  const refusal = refusalOf(actor, action, resource, notFound);
  if (refusal) throw refusal;
}

/** The error assertCan would throw, or null when allowed: pages show its message beside a disabled control. */
export function refusalOf(actor: Actor, action: Action, resource: Resource, notFound = "Not found."): AppError | null {
  const d = decide(actor, action, resource);
  if (d.allowed) return null;
  if (d.code === "not_found") return new AppError("not_found", notFound);
  const yourRole = `your role in this workspace is ${actor.role}`;
  if (d.code === "forbidden") return new AppError("forbidden", `You cannot ${WHAT[action]}: ${yourRole}.`, { role: actor.role });
  return new AppError("insufficient_scope", `This token cannot ${WHAT[action]}: it needs the scope ${d.scope} (or admin:all).`, {
    required_scope: d.scope,
    available_scopes: actor.scopes,
  });
}

/** The roles an action's rule allows (for set-based work with no acting member, e.g. the worker's schedule). */
export function rolesThatMay(action: Action): WorkspaceRole[] {
  return ROLES.filter((role) => ROLE_TABLE[action][role]);
}

/** Which token scopes a member of this role may hold: admin:all owners and admins, read:team managers and up. */
export function mayHoldScope(role: WorkspaceRole, scope: string): boolean {
  if (scope === "admin:all") return admins[role];
  if (scope === "read:team") return managers[role];
  return true;
}

/** Roles an actor may give or take away: owners any; admins up to admin; nobody else. */
export function mayAssignRole(actor: Actor, from: WorkspaceRole | null, to: WorkspaceRole): boolean {
  if (actor.role === "owner") return true;
  if (actor.role !== "admin") return false;
  return to !== "owner" && from !== "owner";
}

/** A private project is visible to its assigned members and to owners and admins. */
export function canSeeProject(actor: Actor, project: { workspaceId: number; private: boolean; memberIds: readonly number[] }): boolean {
  if (project.workspaceId !== actor.workspaceId) return false;
  if (!project.private) return true;
  return actor.role === "owner" || actor.role === "admin" || project.memberIds.includes(actor.userId);
}
