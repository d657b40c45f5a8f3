import crypto from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { users, workspaceInvitations, workspaceMembers, workspaces, type WorkspaceInvitation, type WorkspaceRole } from "@/db/schema";
import { publicUrl } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/errors";
import { assertCan, mayAssignRole, type Actor } from "./policy";
import { acceptInvitationSchema, createInvitationSchema, type AcceptInvitationInput, type CreateInvitationInput } from "./schema";
import type { WorkspaceWithRole } from "./service";

// Invitations: a link /invite/<secret> for one email address and role, valid 7 days, used once. Only the
// SHA-256 of the secret is stored, so the link is shown once (to whoever invites) and never again.
//
// The link is bound to the invited address (Toggl and Clockify, too, invite an email address): only an
// account with that email can accept it. A link forwarded to someone else (or leaked) does not make them
// a member; the page tells which address it was for, so the right person can sign in or register with it.

export const INVITATION_DAYS = 7;

const hashSecret = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The link's path for a secret: the public page that shows the invitation and joins. */
export const invitationPath = (token: string) => `/invite/${token}`;

export type InvitationWithInviter = WorkspaceInvitation & { invitedByName: string | null };

export function serializeInvitation(i: InvitationWithInviter) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    expires_at: i.expiresAt.toISOString(),
    created_at: i.createdAt.toISOString(),
    invited_by: i.invitedBy === null ? null : { user_id: i.invitedBy, name: i.invitedByName ?? "" },
  };
}

const pending = (now: Date) =>
  and(isNull(workspaceInvitations.acceptedAt), isNull(workspaceInvitations.revokedAt), gt(workspaceInvitations.expiresAt, now));

/**
 * Invites `email` in `role` (admins and owners; only owners invite owners). A member already is a 409; an
 * earlier pending invitation of the same address is withdrawn (the newest link is the one that works).
 * Returns the secret link once.
 */
export async function createInvitation(db: Db, actor: Actor, input: CreateInvitationInput, opts: { baseUrl?: string } = {}): Promise<{ invitation: InvitationWithInviter; url: string; token: string }> {
  assertCan(actor, "invitation.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const data = parseOrThrow(createInvitationSchema, input);
  if (!mayAssignRole(actor, null, data.role)) assertCan(actor, "workspace.transfer", { workspaceId: actor.workspaceId });
  const [member] = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(users.email, data.email)))
    .limit(1);
  if (member) throw new AppError("conflict", `${data.email} is already a member of this workspace.`, { fields: { email: ["Already a member of this workspace."] } });
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  const invitation = await db.transaction(async (tx) => {
    await tx
      .update(workspaceInvitations)
      .set({ revokedAt: now })
      .where(and(eq(workspaceInvitations.workspaceId, actor.workspaceId), eq(workspaceInvitations.email, data.email), pending(now)));
    const [row] = await tx
      .insert(workspaceInvitations)
      .values({
        workspaceId: actor.workspaceId,
        email: data.email,
        role: data.role,
        tokenHash: hashSecret(token),
        invitedBy: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .returning();
    return row;
  });
  const [inviter] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  const base = (opts.baseUrl ?? publicUrl()).replace(/\/+$/, "");
  return { invitation: { ...invitation, invitedByName: inviter?.name ?? null }, url: `${base}${invitationPath(token)}`, token };
}

/** The workspace's pending invitations (not accepted, revoked or expired), newest first. */
export async function listInvitations(db: Db, actor: Actor): Promise<InvitationWithInviter[]> {
  assertCan(actor, "invitation.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const rows = await db
    .select({ invitation: workspaceInvitations, invitedByName: users.name })
    .from(workspaceInvitations)
    .leftJoin(users, eq(users.id, workspaceInvitations.invitedBy))
    .where(and(eq(workspaceInvitations.workspaceId, actor.workspaceId), pending(new Date())))
    .orderBy(desc(workspaceInvitations.createdAt), desc(workspaceInvitations.id));
  return rows.map((r) => ({ ...r.invitation, invitedByName: r.invitedByName }));
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(db: Db, actor: Actor, invitationId: number): Promise<void> {
  assertCan(actor, "invitation.manage", { workspaceId: actor.workspaceId }, "Workspace not found.");
  const revoked = await db
    .update(workspaceInvitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(workspaceInvitations.id, invitationId), eq(workspaceInvitations.workspaceId, actor.workspaceId), pending(new Date())))
    .returning({ id: workspaceInvitations.id });
  if (!revoked.length) throw new AppError("not_found", "Invitation not found (or no longer pending).");
}

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";
export type InvitationPreview = {
  id: number;
  workspaceId: number;
  workspaceName: string;
  email: string;
  role: WorkspaceRole;
  invitedByName: string | null;
  expiresAt: Date;
  state: InvitationState;
};

function stateOf(i: Pick<WorkspaceInvitation, "acceptedAt" | "revokedAt" | "expiresAt">, now: Date): InvitationState {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt <= now) return "expired";
  return "pending";
}

/** What the link's page shows: the workspace, the role, the address it is for, and whether it still works. */
export async function previewInvitation(db: Db, token: string): Promise<InvitationPreview | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ invitation: workspaceInvitations, workspaceName: workspaces.name, invitedByName: users.name })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .leftJoin(users, eq(users.id, workspaceInvitations.invitedBy))
    .where(eq(workspaceInvitations.tokenHash, hashSecret(token)))
    .limit(1);
  if (!row) return null;
  const i = row.invitation;
  return {
    id: i.id,
    workspaceId: i.workspaceId,
    workspaceName: row.workspaceName,
    email: i.email,
    role: i.role,
    invitedByName: row.invitedByName,
    expiresAt: i.expiresAt,
    state: stateOf(i, new Date()),
  };
}

/** The address a still-valid invitation is for (registration admits it even when closed), or null. */
export async function pendingInvitationEmail(db: Db, token: string): Promise<string | null> {
  const preview = await previewInvitation(db, token);
  return preview?.state === "pending" ? preview.email : null;
}

const NOT_VALID = "This invitation link is not valid: check that it was copied whole, or ask for a new one.";

/** Why an invitation that is no longer pending cannot be accepted. */
export function invitationStateMessage(state: Exclude<InvitationState, "pending">): string {
  if (state === "accepted") return "This invitation has already been used: each link joins once. Ask for a new one if you need it.";
  if (state === "revoked") return "This invitation was withdrawn. Ask the workspace's admins for a new one.";
  return `This invitation has expired (links last ${INVITATION_DAYS} days). Ask for a new one.`;
}

/**
 * Joins the invitation's workspace as the signed-in user (a browser session: joining is a person's
 * decision, not a script's). The email must match the invitation's. Exactly one membership even when the
 * link is accepted twice at once: the invitation is taken by a conditional update (only one wins), in
 * the transaction that adds the member.
 */
export async function acceptInvitation(db: Db, acceptor: { userId: number; via: "session" | "token" }, input: AcceptInvitationInput): Promise<WorkspaceWithRole> {
  if (acceptor.via !== "session") throw new AppError("forbidden", "Invitations are accepted from a signed-in browser, not with an API token.");
  const { token } = parseOrThrow(acceptInvitationSchema, input);
  const preview = await previewInvitation(db, token);
  if (!preview) throw new AppError("not_found", NOT_VALID);
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, acceptor.userId)).limit(1);
  if (!me) throw new AppError("unauthorized", "Sign in to accept the invitation.");
  if (preview.state !== "pending") throw new AppError("gone", invitationStateMessage(preview.state));
  if (me.email !== preview.email) {
    throw new AppError("forbidden", `This invitation is for ${preview.email}: sign in with that address to accept it (you are signed in as ${me.email}).`, { invited_email: preview.email });
  }
  const already = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, preview.workspaceId), eq(workspaceMembers.userId, acceptor.userId)));
  if (already.length) throw new AppError("conflict", `You are already a member of ${preview.workspaceName} (as ${already[0].role}).`);
  return db.transaction(async (tx) => {
    // In turn with changes of the workspace's members and its deletion (they lock its row for update).
    const [exists] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, preview.workspaceId)).for("share");
    if (!exists) throw new AppError("not_found", NOT_VALID);
    const now = new Date();
    const [taken] = await tx
      .update(workspaceInvitations)
      .set({ acceptedAt: now, acceptedBy: acceptor.userId })
      .where(and(eq(workspaceInvitations.id, preview.id), pending(now)))
      .returning({ role: workspaceInvitations.role, workspaceId: workspaceInvitations.workspaceId });
    if (!taken) throw new AppError("gone", invitationStateMessage("accepted"));
    const joined = await tx
      .insert(workspaceMembers)
      .values({ workspaceId: taken.workspaceId, userId: acceptor.userId, role: taken.role })
      .onConflictDoNothing()
      .returning({ role: workspaceMembers.role });
    // Joined meanwhile through another invitation: this one stays unused (the transaction rolls back).
    if (!joined.length) throw new AppError("conflict", `You are already a member of ${preview.workspaceName}.`);
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, taken.workspaceId));
    return { ...workspace, role: taken.role };
  });
}

