import { AppError } from "@/lib/errors";

// Who may touch whose data. Everyone may act on their own; powers over other users' data (filters by
// user_id, tokens for user_email) need an admin AND, through the API, a token that says so: an admin's
// narrow token (say, only read:time_entries for a reporting script) stays as narrow as its scopes read.
// A browser session of an admin keeps the admin's powers.

export type Actor = {
  user: { id: number; email: string; isAdmin: boolean };
  scopes: readonly string[];
  via: "session" | "token";
};

export function canActForOthers(actor: Actor): boolean {
  return actor.user.isAdmin && (actor.via === "session" || actor.scopes.includes("admin:all"));
}

/** Throws unless the actor may act for other users: 403 forbidden for a non-admin, 403 insufficient_scope
 *  (admin:all) for an admin's token without it. Check before looking the other user up, so that the
 *  answer never tells whether that user exists. */
export function assertMayActForOthers(actor: Actor, what: string): void {
  if (canActForOthers(actor)) return;
  if (!actor.user.isAdmin) throw new AppError("forbidden", `Only an admin can ${what}.`);
  throw new AppError("insufficient_scope", `Only a token with admin:all can ${what}.`, { required_scope: "admin:all", available_scopes: actor.scopes });
}

/** The user id to act on: the actor's own, or (with the power to) another's. */
export function ownerIdFor(actor: Actor, userId: number | undefined, what: string): number {
  if (userId === undefined || userId === actor.user.id) return actor.user.id;
  assertMayActForOthers(actor, what);
  return userId;
}

/** Before an email is looked up: another user's email needs the power to act for others. */
export function assertMayActForEmail(actor: Actor, email: string, what: string): void {
  if (email.trim().toLowerCase() !== actor.user.email.toLowerCase()) assertMayActForOthers(actor, what);
}
