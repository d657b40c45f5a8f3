import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db";
import { apiTokens } from "@/db/schema";
import { createEmptyDatabase } from "../../db/testing";
import { createUser, type TestUser } from "../fixtures";
import { e2e } from "../support/config";
import { startServer, type StintServer } from "../support/server";
import { api, cliToken, expect, setupContext, signedIn, test, USER_SCOPES, type Minted } from "./api-fixtures";

// A server of its own, with a limit of 5 requests a minute per token (the shared one keeps the default
// of 100), on a fresh data folder or PostgreSQL database. Port +12: the lifecycle spec uses +10 and +11.
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 12;
const PER_MINUTE = 5;
let server: StintServer;
let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let baseURL: string;
let context: APIRequestContext;
let alice: TestUser;
let first: Minted;
let second: Minted;
let expired: Minted;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-limits-"));
  if (e2e.serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl, `stint_e2e_limits_${crypto.randomBytes(4).toString("hex")}`));
  // Before the server runs, the CLI opens (and migrates) the database itself.
  const where = { dataDir, databaseUrl };
  alice = await createUser("limited", where);
  first = await cliToken(alice, USER_SCOPES, where);
  second = await cliToken(alice, USER_SCOPES, where);
  expired = await cliToken(alice, ["read:users"], { ...where, expiresDays: 1 });
  // No API or CLI makes a token that has already expired: age one in the database while no server holds it.
  const handle = openDatabase(databaseUrl ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, "pgdata") });
  await handle.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(apiTokens.id, expired.id));
  await handle.close();

  server = await startServer({ port: PORT, dataDir, databaseUrl, env: { STINT_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), STINT_RATE_LIMIT_PER_HOUR: "1000" } });
  baseURL = server.url;
  context = await setupContext(baseURL);
});

test.afterAll(async () => {
  await context?.dispose();
  await server?.stop("SIGTERM");
  await dropDatabase?.();
});

/** The windows are clock minutes: start a counted sequence with enough of the minute left to finish it. */
async function withTimeLeftInTheMinute(seconds = 15) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((r) => setTimeout(r, left + 250));
}

test("headers count down; the request after the limit is 429 with Retry-After in the error shape", async () => {
  await withTimeLeftInTheMinute();
  const a = api(context, first.token);
  const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60;
  for (let n = 1; n <= PER_MINUTE; n++) {
    const reply = await a.call("listProjects");
    expect(reply.status).toBe(200);
    expect(reply.headers["x-ratelimit-limit"]).toBe(String(PER_MINUTE));
    expect(reply.headers["x-ratelimit-remaining"]).toBe(String(PER_MINUTE - n));
    expect(reply.headers["x-ratelimit-reset"]).toBe(String(nextMinute));
    expect(reply.headers["retry-after"]).toBeUndefined();
  }
  const limited = await a.fail("listProjects", {}, 429, "rate_limited");
  const retryAfter = Number(limited.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(Math.abs(nextMinute - Date.now() / 1000 - retryAfter)).toBeLessThanOrEqual(2);
  expect(limited.body.retry_after).toBe(retryAfter);
  expect(limited.body.message).toMatch(/at most 5 requests per minute/);
  expect([limited.headers["x-ratelimit-limit"], limited.headers["x-ratelimit-remaining"]]).toEqual(["5", "0"]);
  // Every kind of request is refused while over the limit, however the token is sent, and nothing is done.
  await a.fail("createProject", { body: { name: "Over the limit" } }, 429, "rate_limited");
  await a.as({ token: first.token, via: "x-api-key" }).fail("me", {}, 429, "rate_limited");
  // A second token of the same user has its own budget.
  const other = await api(context, second.token).call("listProjects");
  expect([other.status, other.headers["x-ratelimit-remaining"], other.headers["x-ratelimit-reset"]]).toEqual([200, String(PER_MINUTE - 1), String(nextMinute)]);
  expect((other.body as { projects: unknown[] }).projects).toEqual([]);
  await a.fail("listProjects", {}, 429, "rate_limited");
});

test("a browser session is not rate limited", async () => {
  const session = await signedIn(alice, baseURL);
  const a = api(session);
  for (let n = 0; n < PER_MINUTE * 3; n++) {
    const reply = await a.call("listProjects");
    expect(reply.status).toBe(200);
    expect(reply.headers["x-ratelimit-limit"]).toBeUndefined();
  }
  // The session also sees the aged token as expired.
  const listed = (await a.ok("listTokens")).tokens.find((t) => t.id === expired.id);
  expect(listed).toMatchObject({ expired: true });
  await session.dispose();
});

test("an expired token is 401 unauthorized", async () => {
  const refused = await api(context, expired.token).fail("me", {}, 401, "unauthorized");
  expect(refused.body.message).toMatch(/expired/);
  expect(refused.headers["x-ratelimit-limit"]).toBeUndefined();
});
