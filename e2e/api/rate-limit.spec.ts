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
import { budget } from "../support/budget";
import { withTimeLeftInTheMinute } from "../support/clock-minute";

// A server of its own, with a limit of 5 token requests and 8 session requests a minute per user, on a
// fresh data folder or PostgreSQL database, and without STINT_TRUST_PROXY (the shared server trusts
// X-Forwarded-For). Port +12: the lifecycle spec uses +10 and +11.
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 12;
const PER_MINUTE = 5;
const SESSION_PER_MINUTE = 8;
let server: StintServer;
let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let baseURL: string;
let context: APIRequestContext;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let first: Minted;
let second: Minted;
let expired: Minted;

test.beforeAll(async () => {
  test.setTimeout(budget.withServer);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-limits-"));
  if (e2e.serverUrl) ({ url: databaseUrl, drop: dropDatabase } = await createEmptyDatabase(e2e.serverUrl, `stint_e2e_limits_${crypto.randomBytes(4).toString("hex")}`));
  // Before the server runs, the CLI opens (and migrates) the database itself.
  const where = { dataDir, databaseUrl };
  [alice, bob, carol] = await Promise.all([createUser("limited", where), createUser("browsing", where), createUser("other", where)]);
  first = await cliToken(alice, USER_SCOPES, where);
  second = await cliToken(alice, USER_SCOPES, where);
  expired = await cliToken(alice, ["read:users"], { ...where, expiresDays: 1 });
  // No API or CLI makes a token that has already expired: age one in the database while no server holds it.
  const handle = openDatabase(databaseUrl ? { url: databaseUrl } : { pgliteDir: path.join(dataDir, "pgdata") });
  await handle.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(apiTokens.id, expired.id));
  await handle.close();

  server = await startServer({ port: PORT, dataDir, databaseUrl, env: {
      STINT_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      STINT_RATE_LIMIT_PER_HOUR: "1000",
      STINT_SESSION_RATE_LIMIT_PER_MINUTE: String(SESSION_PER_MINUTE),
    },
  });
  baseURL = server.url;
  context = await setupContext(baseURL);
});

test.afterAll(async () => {
  await context?.dispose();
  await server?.stop("SIGTERM");
  await dropDatabase?.();
});

test("headers count down; the request after the limit is 429 with Retry-After in the error shape", async () => {
  await withTimeLeftInTheMinute(budget.expect * 1.5);
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
  // A second token of the same user shares the user's allowance: minting tokens brings no more requests.
  const second_ = await api(context, second.token).fail("listProjects", {}, 429, "rate_limited");
  expect([second_.headers["x-ratelimit-remaining"], second_.headers["x-ratelimit-reset"]]).toEqual(["0", String(nextMinute)]);
  // Another user's token has its own.
  const carols = await cliToken(carol, USER_SCOPES, { dataDir, databaseUrl });
  const other = await api(context, carols.token).call("listProjects");
  expect([other.status, other.headers["x-ratelimit-remaining"]]).toEqual([200, String(PER_MINUTE - 1)]);
  expect((other.body as { projects: unknown[] }).projects).toEqual([]);
  await a.fail("listProjects", {}, 429, "rate_limited");
});

test("browser sessions are limited per user, generously (STINT_SESSION_RATE_LIMIT_PER_MINUTE): 429 with Retry-After", async () => {
  await withTimeLeftInTheMinute();
  const session = await signedIn(bob, baseURL); // its check of /users/me is the first request counted
  const a = api(session);
  for (let n = 2; n <= SESSION_PER_MINUTE; n++) {
    const reply = await a.call("listProjects");
    expect(reply.status).toBe(200);
    expect(reply.headers["x-ratelimit-limit"]).toBeUndefined();
  }
  const limited = await a.fail("listProjects", {}, 429, "rate_limited");
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  expect(limited.body).toMatchObject({ retry_after: Number(limited.headers["retry-after"]) });
  expect(limited.body.message).toMatch(/at most 8 requests per minute/);
  await a.fail("createProject", { body: { name: "Over the limit" } }, 429, "rate_limited");
  // Per user, not per session: signing in again brings no more.
  const again = await setupContext(baseURL);
  const { csrfToken } = await (await again.get("/api/auth/csrf")).json();
  const signIn = await again.post("/api/auth/callback/credentials", { form: { email: bob.email, password: bob.password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  expect(signIn.status()).toBe(302);
  await api(again).fail("me", {}, 429, "rate_limited");
  await again.dispose();
  // Another user's session has its own allowance (and sees alice's aged token as expired).
  const other = await signedIn(alice, baseURL);
  expect((await api(other).ok("listTokens")).tokens.find((t) => t.id === expired.id)).toMatchObject({ expired: true });
  await other.dispose();
  await session.dispose();
});

test("an expired token is 401 unauthorized", async () => {
  const refused = await api(context, expired.token).fail("me", {}, 401, "unauthorized");
  expect(refused.body.message).toMatch(/expired/);
  expect(refused.headers["x-ratelimit-limit"]).toBeUndefined();
});

// Last: it uses up the sign-in failures of 127.0.0.1 on this server.
test("without STINT_TRUST_PROXY, X-Forwarded-For is ignored: failed sign-ins count against the socket's address", async () => {
  await withTimeLeftInTheMinute();
  const anon = api(context);
  const statuses: number[] = [];
  for (let n = 1; n <= 22; n++) {
    const headers = { "X-Forwarded-For": `203.0.113.${n}` }; // a different claimed address each time
    statuses.push((await anon.call("login", { headers, body: { email: `sprayed-${n}@example.com`, password: "Winter2026!" } })).status);
  }
  expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
});
