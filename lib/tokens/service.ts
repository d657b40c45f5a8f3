import type { Db } from "@/db";
import { apiTokens, type ApiToken } from "@/db/schema";
import { parseOrThrow } from "@/lib/errors";
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
