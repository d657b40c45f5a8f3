import crypto from "node:crypto";
import { and, desc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { userSessions, type UserSession } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { summarizeUserAgent } from "./user-agent";

// Browser sessions stored server-side. The session cookie (next-auth's encrypted JWT) carries the
// session's id and a random key; only the key's SHA-256 is stored, so a copy of the database does
// not hold anything that signs anyone in. Every request checks the row (one indexed read).

/** How long a signed-in browser stays signed in (also the cookie's lifetime). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const LAST_SEEN_PRECISION_MS = 60_000;

export type SessionRef = { id: number; key: string; userId: number };

const hashKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

export async function createSession(db: Db, userId: number, input: { userAgent: string | null }): Promise<SessionRef> {
  const key = crypto.randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(userSessions)
    .values({ userId, keyHash: hashKey(key), userAgent: summarizeUserAgent(input.userAgent) })
    .returning({ id: userSessions.id });
  // Housekeeping on the rare write: this user's ended and long-unused sessions go.
  await db
    .delete(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        or(lt(userSessions.revokedAt, sql`now() - interval '1 day'`), lt(userSessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`)),
      ),
    );
  return { id: row.id, key, userId };
}

/** Whether the cookie's session is still live (not revoked, the user's own); notes "last seen" once a minute. */
export async function isSessionLive(db: Db, ref: SessionRef, now: Date = new Date()): Promise<boolean> {
  const byHash = prepared(db, "session_by_key", () =>
    db
      .select({ id: userSessions.id, userId: userSessions.userId, lastSeenAt: userSessions.lastSeenAt })
      .from(userSessions)
      .where(and(eq(userSessions.keyHash, sql.placeholder("hash")), isNull(userSessions.revokedAt)))
      .limit(1)
      .prepare("session_by_key"),
  );
  const [row] = await byHash.execute({ hash: hashKey(ref.key) });
  if (!row || row.id !== ref.id || row.userId !== ref.userId) return false;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(and(eq(userSessions.id, row.id), lt(userSessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_PRECISION_MS))));
  }
  return true;
}

/** The user's live sessions, most recently used first. */
export async function listSessions(db: Db, userId: number): Promise<UserSession[]> {
  return db
    .select()
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), sql`${userSessions.lastSeenAt} > now() - make_interval(secs => ${SESSION_MAX_AGE_SECONDS})`))
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.id));
}

/** Ends one of the user's sessions: its cookie stops working at its next request. */
export async function revokeSession(db: Db, userId: number, id: number): Promise<void> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, id), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  if (ended.length === 0) throw new AppError("not_found", "Session not found.");
}

/** Sign-out: ends the session the cookie names (nothing if it is already gone). */
export async function endSession(db: Db, ref: SessionRef): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.keyHash, hashKey(ref.key)), eq(userSessions.userId, ref.userId), isNull(userSessions.revokedAt)));
}

/** Ends every session of the user, or every one but `exceptId` (this browser); returns how many. */
export async function revokeAllSessions(db: Db, userId: number, opts: { exceptId?: number } = {}): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), opts.exceptId ? ne(userSessions.id, opts.exceptId) : undefined))
    .returning({ id: userSessions.id });
  return ended.length;
}

export function serializeSession(s: UserSession, currentId: number | undefined) {
  return {
    id: s.id,
    browser: s.userAgent,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    current: s.id === currentId,
  };
}

/** Who manages sessions: a signed-in browser (its own session id), never an API token. */
export type SessionActor = { userId: number; sessionId?: number };

function browserSessionOrThrow(actor: SessionActor): number {
  // A token that can end browser sessions would let a leaked script lock its owner out.
  if (actor.sessionId === undefined) throw new AppError("forbidden", "Sessions are managed from a signed-in browser, not with an API token.");
  return actor.sessionId;
}

export async function listSessionsOf(db: Db, actor: SessionActor) {
  const current = browserSessionOrThrow(actor);
  return (await listSessions(db, actor.userId)).map((s) => serializeSession(s, current));
}

export async function revokeSessionOf(db: Db, actor: SessionActor, id: number): Promise<void> {
  browserSessionOrThrow(actor);
  await revokeSession(db, actor.userId, id);
}

export async function revokeOtherSessionsOf(db: Db, actor: SessionActor): Promise<number> {
  return revokeAllSessions(db, actor.userId, { exceptId: browserSessionOrThrow(actor) });
}
