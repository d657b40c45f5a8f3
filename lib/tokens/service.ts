import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, users, type ApiToken } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { createTokenSchema, type CreateTokenInput } from "./schema";
import { generateToken, hashToken, tokenPrefix } from "./token";

export type PublicToken = Omit<ApiToken, "tokenHash">;

/** Creates a token and returns it in clear text, the only time it is ever available: only its hash is stored. */
export async function createToken(
  db: Db,
  userId: number,
  input: CreateTokenInput,
  now: Date = new Date(),
): Promise<{ token: string; record: PublicToken }> {
  const data = parseOrThrow(createTokenSchema, input);
  // The owner may be another user (an admin creating a token for them): one that does not exist is a
  // field error, not a foreign-key failure.
  const [owner] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId)).limit(1);
  if (!owner) throw AppError.validation({ user_id: ["No such user."] });
  if (data.scopes.includes("admin:all") && !owner.isAdmin) throw AppError.validation({ scopes: ["Only an admin's token can have admin:all."] });
  const token = generateToken();
  const expiresAt = data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
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

export async function listTokens(db: Db, userId: number): Promise<PublicToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(({ tokenHash: _hidden, ...rest }) => rest);
}

/** Revoking is immediate: the next request with the token is refused. */
export async function revokeToken(db: Db, userId: number, id: number): Promise<void> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
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
    expires_at: t.expiresAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    expired: t.expiresAt !== null && t.expiresAt.getTime() <= Date.now(),
  };
}
