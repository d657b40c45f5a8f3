import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { claimIdempotencyKey, finishIdempotencyKey, requestHash } from "./idempotency";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const hash = requestHash("POST", "/api/v1/projects", '{"name":"A"}');

it("runs a key once and replays its answer; another body with the same key is refused", async () => {
  const first = await claimIdempotencyKey(t.db, "token:1", "k1", hash);
  expect(first.kind).toBe("new");
  // While the first request runs, a retry is told to wait.
  expect((await claimIdempotencyKey(t.db, "token:1", "k1", hash).catch((e) => e)).code).toBe("conflict");
  await finishIdempotencyKey(t.db, (first as { id: number }).id, 201, '{"project":{"id":7}}');
  expect(await claimIdempotencyKey(t.db, "token:1", "k1", hash)).toEqual({ kind: "replay", status: 201, body: '{"project":{"id":7}}' });
  const other = requestHash("POST", "/api/v1/projects", '{"name":"B"}');
  expect((await claimIdempotencyKey(t.db, "token:1", "k1", other).catch((e) => e)).code).toBe("idempotency_mismatch");
  // Keys belong to their token.
  expect((await claimIdempotencyKey(t.db, "token:2", "k1", other)).kind).toBe("new");
});

it("lets exactly one of simultaneous first requests run", async () => {
  const claims = await Promise.allSettled(Array.from({ length: 5 }, () => claimIdempotencyKey(t.db, "token:1", "race", hash)));
  expect(claims.filter((c) => c.status === "fulfilled" && c.value.kind === "new")).toHaveLength(1);
});

it("frees the key after a server error, and after 24 hours", async () => {
  const first = (await claimIdempotencyKey(t.db, "token:1", "k500", hash)) as { id: number };
  await finishIdempotencyKey(t.db, first.id, 500, "{}");
  expect((await claimIdempotencyKey(t.db, "token:1", "k500", hash)).kind).toBe("new");

  const old = (await claimIdempotencyKey(t.db, "token:1", "kold", hash)) as { id: number };
  await finishIdempotencyKey(t.db, old.id, 201, "{}");
  await t.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where id = ${old.id}`);
  expect((await claimIdempotencyKey(t.db, "token:1", "kold", requestHash("POST", "/x", "other"))).kind).toBe("new");
});

it("never stores an answer holding a secret: a retry gets 409 with the id of what was created", async () => {
  const tokenHash = requestHash("POST", "/api/v1/tokens", '{"name":"CI","scopes":["read:projects"]}');
  const first = await claimIdempotencyKey(t.db, "user:1", "mint", tokenHash);
  const secret = "tt_AbCdEfGhIjKlMnOpQrStUvWxYz012345";
  await finishIdempotencyKey(t.db, (first as { id: number }).id, 201, JSON.stringify({ token: secret, api_token: { id: 42 } }), { secretIn: "api_token" });
  const stored = await t.db.execute(sql`select response from idempotency_keys where owner = 'user:1' and key = 'mint'`);
  expect(JSON.stringify(stored)).not.toContain(secret);
  const replay = await claimIdempotencyKey(t.db, "user:1", "mint", tokenHash);
  expect(replay).toMatchObject({ kind: "replay", status: 409 });
  const body = JSON.parse((replay as { body: string }).body);
  expect(body).toMatchObject({ error_code: "conflict", created_id: 42 });
  expect(body.message).toMatch(/shown once/);
  // A refused create holds no secret: it is replayed as it was.
  const refused = await claimIdempotencyKey(t.db, "user:1", "mint-refused", tokenHash);
  await finishIdempotencyKey(t.db, (refused as { id: number }).id, 400, '{"error":"x"}', { secretIn: "api_token" });
  expect(await claimIdempotencyKey(t.db, "user:1", "mint-refused", tokenHash)).toEqual({ kind: "replay", status: 400, body: '{"error":"x"}' });
});
