import { and, eq, getTableColumns, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { apiTokens, users, workspaceMembers, type WorkspaceRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { PublicUser } from "@/lib/users/service";
import { TOKEN_PATTERN, hashToken } from "./token";

/** A token acts as one member of one workspace, with the role that member has there now. */
export type TokenIdentity = { tokenId: number; userId: number; workspaceId: number; role: WorkspaceRole; scopes: string[]; user: PublicUser };

const { passwordHash: _secret, ...publicUserColumns } = getTableColumns(users);

/** The token in `Authorization: Bearer` or `X-API-Key`, if the request carries one. */
export function tokenFromHeaders(headers: Headers): string | null {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? headers.get("x-api-key")?.trim() ?? null;
}

const invalid = () => new AppError("unauthorized", "The API token is invalid, expired or revoked.");

/**
 * Who a raw token belongs to, with the user and their role in the token's workspace (one query: it runs on
 * every API request); 401 for a malformed, unknown, revoked or expired one, or one whose member has left.
 */
export async function authenticateToken(db: Db, token: string, now: Date = new Date()): Promise<TokenIdentity> {
  if (!TOKEN_PATTERN.test(token)) throw invalid();
  const byHash = prepared(db, "token_by_hash", () =>
    db
      .select({
        id: apiTokens.id,
        workspaceId: apiTokens.workspaceId,
        role: workspaceMembers.role,
        scopes: apiTokens.scopes,
        expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt,
        user: publicUserColumns,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .leftJoin(workspaceMembers, and(eq(workspaceMembers.workspaceId, apiTokens.workspaceId), eq(workspaceMembers.userId, apiTokens.userId)))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
      .limit(1)
      .prepare("token_by_hash"),
  );
  const [row] = await byHash.execute({ hash: hashToken(token) });
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw invalid();
  // The role is read on every request: a member removed from the workspace loses every token there at once.
  if (!row.role) throw new AppError("unauthorized", "This token's member has left the workspace.");
  // last_used_at is for people ("used 3 minutes ago"): a minute's precision spares a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`))));
  }
  return { tokenId: row.id, userId: row.user.id, workspaceId: row.workspaceId, role: row.role, scopes: row.scopes, user: row.user };
}
