import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, type ApiToken } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { membershipOf } from "@/lib/workspaces/actor";
import { mayHoldScope, type Actor } from "@/lib/workspaces/policy";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { createTokenSchema, type CreateTokenInput, type CreateTokenRequest } from "./schema";
import { generateToken, hashToken, tokenPrefix } from "./token";

export type PublicToken = Omit<ApiToken, "tokenHash">;

/**
 * Creates a token for one member of one workspace (`workspaceId`, default the user's first workspace) and
 * returns it in clear text, the only time it is ever available: only its hash is stored. The scopes must
 * be ones the member's role there may hold (admin:all owners and admins, read:team managers and up).
 */
export async function createToken(
  db: Db,
  owner: { userId: number; workspaceId?: number },
  input: CreateTokenInput,
  now: Date = new Date(),
): Promise<{ token: string; record: PublicToken }> {
  const data = parseOrThrow(createTokenSchema, input);
  const member = await membershipOf(db, owner.userId, owner.workspaceId);
  const beyond = data.scopes.filter((s) => !mayHoldScope(member.role, s));
  if (beyond.length) throw AppError.validation({ scopes: [`A ${member.role}'s token cannot have ${beyond.join(", ")}.`] });
  const token = generateToken();
  const expiresAt = data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null;
  const [row] = await db
    .insert(apiTokens)
    .values({
      workspaceId: member.workspaceId,
      userId: owner.userId,
      name: data.name,
      description: data.description ?? null,
      prefix: tokenPrefix(token),
      tokenHash: hashToken(token),
      scopes: data.scopes,
      expiresAt,
    })
    .returning();
  const { tokenHash: _hidden, ...record } = row;
  return { token, record };
}

/**
 * POST /tokens: a token for the caller in the workspace they act in; or, for the instance's admins (the
 * endpoint needs admin:all or a browser session), for another user by user_id or user_email, in that
 * user's first workspace, as `stint token create` does. The right is checked before any lookup: whether an
 * email has an account is not for everyone to learn.
 */
export async function createTokenFor(db: Db, caller: { actor: Actor; user: { id: number; email: string; isAdmin: boolean } }, request: CreateTokenRequest) {
  const { user_id, user_email, expires_in_days, ...input } = request;
  const forOther = (user_email !== undefined && user_email !== caller.user.email.toLowerCase()) || (user_id !== undefined && user_id !== caller.user.id);
  const options = { ...input, expiresInDays: input.expiresInDays ?? expires_in_days };
  if (!forOther) return createToken(db, { userId: caller.actor.userId, workspaceId: caller.actor.workspaceId }, options);
  if (!caller.user.isAdmin) throw new AppError("forbidden", "Only an admin can create a token for another user.");
  let userId = user_id;
  if (user_email !== undefined) {
    userId = (
      await getUserByEmailOrThrow(db, user_email).catch(() => {
        throw AppError.validation({ user_email: ["No user with this email."] });
      })
    ).id;
  }
  return createToken(db, { userId: userId! }, options).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "forbidden") throw AppError.validation({ user_id: ["No such user, or they belong to no workspace."] });
    throw error;
  });
}

/** The actor's live tokens in the workspace they act in. */
export async function listTokens(db: Db, actor: Actor): Promise<PublicToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), eq(apiTokens.workspaceId, actor.workspaceId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(({ tokenHash: _hidden, ...rest }) => rest);
}

/** Revoking is immediate: the next request with the token is refused. */
export async function revokeToken(db: Db, actor: Actor, id: number): Promise<void> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), eq(apiTokens.workspaceId, actor.workspaceId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new AppError("not_found", "API token not found.");
}

export function serializeToken(t: PublicToken) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    prefix: t.prefix,
    scopes: t.scopes,
    workspace_id: t.workspaceId,
    expires_at: t.expiresAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    expired: t.expiresAt !== null && t.expiresAt.getTime() <= Date.now(),
  };
}
