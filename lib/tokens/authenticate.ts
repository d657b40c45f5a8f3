import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { TOKEN_PATTERN, hashToken } from "./token";

export type TokenIdentity = { tokenId: number; userId: number; scopes: string[] };

/** The token in `Authorization: Bearer` or `X-API-Key`, if the request carries one. */
export function tokenFromHeaders(headers: Headers): string | null {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? headers.get("x-api-key")?.trim() ?? null;
}

/** Who a raw token belongs to; 401 for a malformed, unknown, revoked or expired one. */
export async function authenticateToken(db: Db, token: string, now: Date = new Date()): Promise<TokenIdentity> {
  const invalid = new AppError("unauthorized", "The API token is invalid, expired or revoked.");
  if (!TOKEN_PATTERN.test(token)) throw invalid;
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw invalid;
  // last_used_at is for people ("used 3 minutes ago"): a minute's precision spares a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`))));
  }
  return { tokenId: row.id, userId: row.userId, scopes: row.scopes };
}
