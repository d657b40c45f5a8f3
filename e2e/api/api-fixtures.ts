// The API suite's fixtures: users (through the admin CLI), tokens with chosen scopes, and a client that
// checks every answer against what the API documents: successful bodies against the operation's response
// schema in lib/api/operations.ts, error bodies against the one error shape, never a 5xx, and the
// X-RateLimit-* headers on every token-authenticated answer.
import crypto from "node:crypto";
import { expect, request as requestFactory, test, type APIRequestContext } from "@playwright/test";
import { z } from "zod";
import { ops, type Operation, type OperationId } from "@/lib/api/operations";
import { errorShape } from "@/lib/api/responses";
import { SCOPES, USER_SCOPES } from "@/lib/tokens/scopes";
import { createUser, type TestUser } from "../fixtures";
import { runCli } from "../support/cli";
import { e2e, e2eDatabaseUrl } from "../support/config";

export { expect, test, ops, SCOPES, USER_SCOPES };

export const BASE_URL = `http://localhost:${e2e.port}`;
export const TOKEN_PATTERN = /^tt_[A-Za-z0-9]{32}$/;

export type ApiErrorBody = z.output<typeof errorShape>;
export type Body<K extends OperationId> = z.output<(typeof ops)[K]["response"]>;
export type Reply<T = unknown> = { status: number; headers: Record<string, string>; body: T };

export type CallOptions = {
  /** The {id} of the path. */
  id?: number | string;
  /** Other path parameters, e.g. { job: 3 } for /integrations/{id}/jobs/{job}. */
  params?: Record<string, number | string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (malformed JSON, huge bodies), with Content-Type application/json unless headers say otherwise. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  idempotencyKey?: string;
};

/** How a client authenticates: a token (as Bearer or X-API-Key), or nothing (a session cookie of the context, or none). */
export type Auth = { token?: string; via?: "bearer" | "x-api-key" };

const describe = (r: Reply) => `${r.status} ${JSON.stringify(r.body).slice(0, 1500)}`;

function assertShape(schema: z.ZodType, body: unknown, label: string): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(`${label}: the answer does not match its documented shape:\n${z.prettifyError(parsed.error)}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

/**
 * The checks every answer gets throw plain errors rather than calling expect(): Playwright records each
 * expect() as a step, and a test that makes thousands of calls slows down with thousands of steps.
 */
function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

/** Every error: the one shape, message twice, and what its code promises. */
function assertError(reply: Reply, label: string): void {
  assertShape(errorShape, reply.body, label);
  const body = reply.body as ApiErrorBody;
  const what = `${label}: ${describe(reply)}`;
  check(body.error === body.message && body.message.length > 0, `${what}: error and message are the same text`);
  if (body.error_code === "validation_error") {
    check(reply.status === 400, `${what}: validation errors are 400`);
    check(Object.keys(body.errors ?? {}).length > 0, `${what}: a validation error names its fields`);
  }
  if (body.error_code === "insufficient_scope") {
    check(reply.status === 403, `${what}: insufficient_scope is 403`);
    check(body.required_scope && Array.isArray(body.available_scopes), `${what}: names required_scope and available_scopes`);
  }
  if (reply.status === 429) {
    check(body.error_code === "rate_limited", `${what}: 429 is rate_limited`);
    check(Number(reply.headers["retry-after"]) > 0, `${what}: a 429 says when to retry (Retry-After)`);
  }
}

export class Api {
  constructor(
    readonly request: APIRequestContext,
    readonly auth: Auth = {},
  ) {}

  /** The same client with another token (or none). */
  as(auth: Auth | string): Api {
    return new Api(this.request, typeof auth === "string" ? { token: auth } : auth);
  }

  private authHeaders(): Record<string, string> {
    if (!this.auth.token) return {};
    return this.auth.via === "x-api-key" ? { "X-API-Key": this.auth.token } : { Authorization: `Bearer ${this.auth.token}` };
  }

  /** Any request under the site; checks what every answer of the API must be (JSON, never a 5xx, errors in the one shape). */
  async send(method: string, path: string, o: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...this.authHeaders(), ...(o.idempotencyKey !== undefined ? { "Idempotency-Key": o.idempotencyKey } : {}) };
    // A Buffer, so that Playwright sends the bytes as they are (it would JSON-encode a string again).
    let data: Buffer | undefined;
    if (o.raw !== undefined) data = Buffer.from(o.raw);
    else if (o.body !== undefined) data = Buffer.from(JSON.stringify(o.body));
    if (data !== undefined) headers["Content-Type"] = "application/json";
    Object.assign(headers, o.headers);
    const query = Object.entries(o.query ?? {}).filter(([, v]) => v !== undefined);
    const url = query.length ? `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : path;
    const label = `${method} ${url}`;
    const res = await this.request.fetch(url, { method, headers, data, failOnStatusCode: false, maxRedirects: 0 });
    const text = await res.text();
    const reply: Reply = { status: res.status(), headers: res.headers(), body: text };
    check(reply.status < 500, `${label} must never answer a server error: ${reply.status} ${text.slice(0, 500)}`);
    check((reply.headers["content-type"] ?? "").includes("application/json"), `${label}: answers JSON, not ${reply.headers["content-type"]}: ${text.slice(0, 200)}`);
    reply.body = JSON.parse(text);
    if (reply.status >= 400) assertError(reply, label);
    return reply;
  }

  /** The operation's URL. Path parameters not given in `params` take the `id` (so that the suites that call
   *  every operation with one absent or odd id reach /integrations/{id}/jobs/{job} and the like too). */
  path(op: Operation, id?: number | string, params: Record<string, number | string> = {}): string {
    const values: Record<string, number | string | undefined> = { ...params, id };
    for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) values[name] ??= id;
    return `/api/v1${op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (values[name] === undefined) throw new Error(`${op.path} needs ${name}`);
      return encodeURIComponent(String(values[name]));
    })}`;
  }

  /** Calls an operation: a success must match its documented response schema and status. */
  async call<K extends OperationId>(opId: K, o: CallOptions = {}): Promise<Reply<Body<K> | ApiErrorBody>> {
    const op: Operation = ops[opId];
    const reply = await this.send(op.method, this.path(op, o.id, o.params), o);
    const label = `${opId} (${op.method} ${op.path})`;
    if (reply.status < 400) {
      check(reply.status === (op.status ?? 200), `${label}: succeeds with ${op.status ?? 200}, not ${describe(reply)}`);
      assertShape(op.response, reply.body, label);
    }
    if (this.auth.token && op.scope !== "public" && reply.status !== 401) {
      for (const h of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) {
        check(reply.headers[h] !== undefined && Number.isInteger(Number(reply.headers[h])), `${label}: ${h} on every token-authenticated answer`);
      }
    }
    return reply as Reply<Body<K> | ApiErrorBody>;
  }

  /** Calls an operation that must succeed; returns its (validated) body. */
  async ok<K extends OperationId>(opId: K, o: CallOptions = {}): Promise<Body<K>> {
    const reply = await this.call(opId, o);
    expect(reply.status, `${opId}: ${describe(reply)}`).toBe((ops[opId] as Operation).status ?? 200);
    return reply.body as Body<K>;
  }

  /** Calls an operation that must fail with this status (and error_code, when given). */
  async fail(opId: OperationId, o: CallOptions, status: number, code?: string): Promise<Reply<ApiErrorBody>> {
    const reply = await this.call(opId, o);
    expect(reply.status, `${opId}: ${describe(reply)}`).toBe(status);
    if (code) expect((reply.body as ApiErrorBody).error_code, `${opId}: ${describe(reply)}`).toBe(code);
    return reply as Reply<ApiErrorBody>;
  }

  /** A validation failure: 400 validation_error naming (at least) these fields. */
  async invalid(opId: OperationId, o: CallOptions, ...fields: string[]): Promise<ApiErrorBody> {
    const { body } = await this.fail(opId, o, 400, "validation_error");
    for (const field of fields) expect(Object.keys(body.errors ?? {}), `${opId}: errors name ${field}: ${JSON.stringify(body)}`).toContain(field);
    return body;
  }
}

export const api = (request: APIRequestContext, auth: Auth | string = {}) => new Api(request, typeof auth === "string" ? { token: auth } : auth);

/** A new request context signed in as `user` through next-auth's credentials sign-in (a browser session, without a browser). */
export async function signedIn(user: { email: string; password: string }, baseURL = BASE_URL): Promise<APIRequestContext> {
  // Writes with the session cookie must come from Stint's own origin, as a browser's would.
  const context = await requestFactory.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  const res = await context.post("/api/auth/callback/credentials", {
    form: { email: user.email, password: user.password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), "sign-in redirects").toBe(302);
  expect((await context.get("/api/v1/users/me")).status(), "the session works").toBe(200);
  return context;
}

// One admin per worker, signed in with a session (which is not rate limited), mints tokens with any
// scopes for any user through POST /tokens: much faster than a CLI process per token.
let minter: Promise<APIRequestContext> | undefined;
const minterSession = () => (minter ??= createUser("minter", { admin: true }).then((admin) => signedIn(admin)));

export type Minted = { token: string; id: number };

/** A token of `user` with exactly these scopes. */
export async function mintToken(user: { id: number }, scopes: readonly string[], opts: { expiresInDays?: number; name?: string } = {}): Promise<Minted> {
  const created = await api(await minterSession()).ok("createToken", {
    body: { user_id: user.id, name: opts.name ?? "e2e", scopes, ...(opts.expiresInDays ? { expires_in_days: opts.expiresInDays } : {}) },
  });
  return { token: created.token, id: created.api_token.id };
}

/** A token made with the admin CLI: `token create --user E --scopes a,b`. */
export async function cliToken(
  user: { email: string },
  scopes: readonly string[],
  opts: { expiresDays?: number; dataDir?: string; databaseUrl?: string } = {},
): Promise<Minted> {
  const args = ["token", "create", "--user", user.email, "--scopes", scopes.join(","), "--json", ...(opts.expiresDays ? ["--expires-days", String(opts.expiresDays)] : [])];
  const run = await runCli(args, { dataDir: opts.dataDir ?? e2e.dataDir!, databaseUrl: opts.databaseUrl ?? e2eDatabaseUrl() });
  if (run.code !== 0) throw new Error(`token create failed (${run.code}): ${run.stderr}`);
  const out = JSON.parse(run.stdout);
  return { token: out.token, id: out.id };
}

/** A user and a token with all of their scopes (every scope but admin:all, or all of them for an admin). */
export type Actor = TestUser & { admin: boolean; token: string; tokenId: number };

export async function newActor(label: string, opts: { admin?: boolean } = {}): Promise<Actor> {
  const user = await createUser(label, { admin: opts.admin });
  const { token, id } = await mintToken(user, opts.admin ? SCOPES : USER_SCOPES);
  return { ...user, admin: opts.admin === true, token, tokenId: id };
}

/** The total of a list operation, as its pagination says. */
export async function totalOf(client: Api, opId: "listEntries" | "listProjects" | "listClients" | "listTasks", query: CallOptions["query"] = {}): Promise<number> {
  const body = (await client.ok(opId, { query })) as { pagination: { total: number } };
  return body.pagination.total;
}

export const uniqueKey = () => crypto.randomUUID();
export const uniqueName = (label: string) => `${label} ${crypto.randomBytes(3).toString("hex")}`;

/** A request context for beforeAll/afterAll, where the per-test request fixture is not available. */
export const setupContext = (baseURL = BASE_URL) => requestFactory.newContext({ baseURL });

/** An ISO date-time `minutes` from now (negative: in the past), in UTC. */
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/**
 * Another token with the actor's scopes, for a test that makes many calls: every token may make 100
 * requests a minute on the shared server, and the tests of a file share their minute.
 */
export const freshToken = async (actor: Actor) => (await mintToken(actor, actor.admin ? SCOPES : USER_SCOPES)).token;
