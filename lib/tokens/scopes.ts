// The TimeTracker API's scopes. admin:all implies every scope; a write scope does not imply read.
export const SCOPES = [
  "read:projects",
  "write:projects",
  "read:time_entries",
  "write:time_entries",
  "read:tasks",
  "write:tasks",
  "read:clients",
  "write:clients",
  "read:reports",
  // Your saved reports and their share links (reading them needs read:reports).
  "write:reports",
  "read:users",
  // The workspace's webhooks (owners and admins: the policy decides by role).
  "read:webhooks",
  "write:webhooks",
  // Managers and up: read other members' entries and reports in the token's workspace.
  "read:team",
  "admin:all",
] as const;

export type Scope = (typeof SCOPES)[number];

/** Every scope except admin:all: what a regular user's password sign-in token gets. */
export const USER_SCOPES: Scope[] = SCOPES.filter((s) => s !== "admin:all");

export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes("admin:all") || granted.includes(required);
}
