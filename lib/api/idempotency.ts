import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

const KEEP_HOURS = 24;
/** A first request that has not answered after this long is taken to have died with its process. */
const STALE_SECONDS = 120;

export type IdempotencyClaim = { kind: "new"; id: number } | { kind: "replay"; status: number; body: string };

export function requestHash(method: string, path: string, body: string): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Claims `key` for this request, or finds the answer to its first use. The unique (owner, key) index
 * decides races: of two simultaneous first requests one runs, the other is told it is in progress.
 * A key older than 24 hours (or a first request that died) is claimed anew.
 */
export async function claimIdempotencyKey(db: Db, owner: string, key: string, hash: string): Promise<IdempotencyClaim> {
  if (key.length === 0 || key.length > 255) throw AppError.validation({ "Idempotency-Key": ["Use a key of 1 to 255 characters."] });
  const claimed = await queryRows<{ id: number }>(
    db,
    sql`insert into idempotency_keys (owner, key, request_hash) values (${owner}, ${key}, ${hash})
        on conflict (owner, key) do update set request_hash = excluded.request_hash, status = null, response = null, created_at = now()
        where idempotency_keys.created_at < now() - make_interval(hours => ${KEEP_HOURS})
           or (idempotency_keys.status is null and idempotency_keys.created_at < now() - make_interval(secs => ${STALE_SECONDS}))
        returning id`,
  );
  if (claimed.length) return { kind: "new", id: Number(claimed[0].id) };
  const [existing] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key))).limit(1);
  if (!existing) return claimIdempotencyKey(db, owner, key, hash); // expired and removed in between
  if (existing.requestHash !== hash) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was used with a different request. Use a new key for a new request.");
  }
  if (existing.status === null) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
  return { kind: "replay", status: existing.status, body: existing.response ?? "" };
}

/**
 * What a retry of a request that created a secret gets instead of the first answer: the secret is shown
 * once and never stored (a copy in this table would be a live credential at rest, replayed to whoever
 * repeats the key), and nothing is created twice: 409 with the id of what the first request created.
 */
async function secretMarker(body: string, secretIn: string): Promise<{ status: number; body: string }> {
  let createdId: unknown;
  try {
    createdId = (JSON.parse(body) as Record<string, { id?: unknown } | undefined>)[secretIn]?.id;
  } catch {
    createdId = undefined;
  }
  const created = typeof createdId === "number" ? { created_id: createdId } : {};
  const error = new AppError(
    "conflict",
    `This Idempotency-Key already created ${secretIn}${typeof createdId === "number" ? ` ${createdId}` : ""}. Its secret was shown once and is not kept: if it was lost, revoke it and create another with a new key.`,
    created,
  );
  const response = errorResponse(error);
  return { status: response.status, body: await response.text() };
}

/** Keeps the answer for replays; a server error frees the key instead, so a retry runs again. */
export async function finishIdempotencyKey(db: Db, id: number, status: number, body: string, opts: { secretIn?: string } = {}): Promise<void> {
  if (status >= 500) {
    await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
    return;
  }
  const kept = opts.secretIn && status < 300 ? await secretMarker(body, opts.secretIn) : { status, body };
  await db.update(idempotencyKeys).set({ status: kept.status, response: kept.body }).where(eq(idempotencyKeys.id, id));
  if (Math.random() < 0.01) {
    await db.execute(sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${KEEP_HOURS * 2})`);
  }
}
