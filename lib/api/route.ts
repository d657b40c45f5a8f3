import { z } from "zod";
import { getDb, type Db } from "@/db";
import { auth } from "@/lib/auth";
import { AppError, assertNoNul, fieldErrorsOf } from "@/lib/errors";
import { authenticateToken, tokenFromHeaders } from "@/lib/tokens/authenticate";
import { hasScope, SCOPES } from "@/lib/tokens/scopes";
import { env } from "@/lib/env";
import { CROSS_ORIGIN_MESSAGE, isSafeMethod, isSameOriginRequest } from "@/lib/http/same-origin";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";
import { getUserById, type PublicUser } from "@/lib/users/service";
import { memberActor, sessionActor, type MemberActor } from "@/lib/workspaces/actor";
import { claimIdempotencyKey, finishIdempotencyKey, requestHash } from "./idempotency";
import type { Operation } from "./operations";
import { hitRateLimit, rateLimitHeaders } from "./rate-limit";
import { errorResponse, unexpectedErrorResponse } from "./respond";

const MAX_BODY_BYTES = 1_000_000;

export type Caller = {
  user: PublicUser;
  /** The member acting: user, workspace, role there, scopes. Services take it; the policy decides with it. */
  actor: MemberActor;
  /** Scopes of the token, or every scope for a signed-in browser session. */
  scopes: readonly string[];
  via: "session" | "token";
  tokenId?: number;
  /** The stored browser session (lib/auth/sessions.ts), for session callers. */
  sessionId?: number;
};

type Schemas = Pick<Operation, "params" | "query" | "body">;
type Out<S, K extends keyof Schemas> = S extends Record<K, z.ZodType> ? z.output<S[K]> : undefined;

export type RouteContext<S extends Schemas> = {
  db: Db;
  request: Request;
  caller: Caller;
  params: Out<S, "params">;
  query: Out<S, "query">;
  body: Out<S, "body">;
};

type NextRouteArgs = { params: Promise<Record<string, string | string[]>> };

async function identify(db: Db, request: Request): Promise<Caller> {
  const token = tokenFromHeaders(request.headers);
  if (token) {
    const identity = await authenticateToken(db, token);
    const actor = memberActor(identity.user, identity, { via: "token", scopes: identity.scopes });
    return { user: identity.user, actor, scopes: identity.scopes, via: "token", tokenId: identity.tokenId };
  }
  const session = await auth();
  const id = Number(session?.user?.id);
  const user = Number.isSafeInteger(id) && id > 0 ? await getUserById(db, id) : null;
  if (!user) throw new AppError("unauthorized", "Authentication required: send an API token as 'Authorization: Bearer <token>' or 'X-API-Key: <token>'.");
  // Cookies ride along with requests other sites make a browser send (see lib/http/same-origin.ts).
  if (!isSafeMethod(request.method) && !isSameOriginRequest(request)) throw new AppError("forbidden", CROSS_ORIGIN_MESSAGE);
  const actor = await sessionActor(db, user, session?.sessionId, SCOPES);
  return { user, actor, scopes: SCOPES, via: "session", sessionId: session?.sessionId };
}

/**
 * Rate limits, per user: a user's tokens share one allowance (STINT_RATE_LIMIT_PER_*), so minting more
 * tokens brings no more requests; browser sessions have their own, larger one for the UI. Returns the
 * headers to send, and the error to answer with when over.
 */
async function limitCaller(db: Db, caller: Caller): Promise<{ headers: Record<string, string>; refusal?: AppError }> {
  const config = env();
  const byToken = caller.via === "token";
  const state = byToken
    ? await hitRateLimit(db, `tokens:user:${caller.user.id}`, { perMinute: config.STINT_RATE_LIMIT_PER_MINUTE, perHour: config.STINT_RATE_LIMIT_PER_HOUR })
    : await hitRateLimit(db, `session:user:${caller.user.id}`, { perMinute: config.STINT_SESSION_RATE_LIMIT_PER_MINUTE, perHour: 0 });
  // Token answers always say how much is left (clients of the TimeTracker API read it); sessions only when refused.
  const headers = state.limit > 0 && (byToken || state.retryAfterSeconds !== null) ? rateLimitHeaders(state) : {};
  if (state.retryAfterSeconds === null) return { headers };
  const refusal = new AppError("rate_limited", `Rate limit exceeded: at most ${state.limit} requests per ${state.window}. Retry after ${state.retryAfterSeconds} s.`, {
    retry_after: state.retryAfterSeconds,
  });
  return { headers, refusal };
}

function parsePart<T>(schema: z.ZodType<T> | undefined, input: unknown): T | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.validation(fieldErrorsOf(result.error));
  return result.data;
}

const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/** The body as text, read no further than MAX_BODY_BYTES (a chunked body has no Content-Length to check first). */
async function readBody(request: Request): Promise<string> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function parseJson(text: string): unknown {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw AppError.validation({ _: ["The body is not valid JSON."] }, "The request body is not valid JSON.");
  }
  assertNoNul(value);
  return value;
}

function queryObject(url: URL): Record<string, string> {
  // Without a prototype: a parameter named __proto__ or constructor is just a parameter.
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) out[key] = value;
  assertNoNul(out);
  return out;
}

/**
 * The one wrapper of every /api/v1 handler: who is calling (session or token), the token's rate limit,
 * the scope it needs, Idempotency-Key replays for POST, parsed params/query/body, and every error in the
 * API's one shape. Handlers return a Response, or a value that is sent as JSON with status 200.
 */
export function apiRoute<S extends Operation>(spec: S, handler: (ctx: RouteContext<S>) => Promise<Response | object>) {
  return async (request: Request, args?: NextRouteArgs): Promise<Response> => {
    let headers: Record<string, string> = {};
    let idempotencyId: number | null = null;
    const db = getDb();
    const finish = async (response: Response): Promise<Response> => {
      for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
      setApiSecurityHeaders(response.headers);
      if (idempotencyId !== null) await finishIdempotencyKey(db, idempotencyId, response.status, await response.clone().text(), { secretIn: spec.secretIn });
      return response;
    };
    try {
      const caller = await identify(db, request);
      const limit = await limitCaller(db, caller);
      headers = limit.headers;
      if (limit.refusal) throw limit.refusal;
      if (spec.scope && spec.scope !== "public" && !hasScope(caller.scopes, spec.scope)) {
        throw new AppError("insufficient_scope", `This token lacks the scope ${spec.scope}.`, {
          required_scope: spec.scope,
          available_scopes: caller.scopes,
        });
      }
      const bodyText = spec.body ? await readBody(request) : "";
      const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      if (key !== null) {
        const url = new URL(request.url);
        const owner = caller.via === "token" ? `token:${caller.tokenId}` : `user:${caller.user.id}`;
        const claim = await claimIdempotencyKey(db, owner, key, requestHash(request.method, url.pathname + url.search, bodyText));
        if (claim.kind === "replay") {
          return await finish(new Response(claim.body, { status: claim.status, headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" } }));
        }
        idempotencyId = claim.id;
      }
      const params = parsePart(spec.params, args ? await args.params : {});
      const query = parsePart(spec.query, queryObject(new URL(request.url)));
      const body = spec.body ? parsePart(spec.body, parseJson(bodyText)) : undefined;
      const result = await handler({ db, request, caller, params, query, body } as RouteContext<S>);
      return await finish(result instanceof Response ? result : Response.json(result, { status: spec.status ?? 200 }));
    } catch (error) {
      return await finish(error instanceof AppError ? errorResponse(error) : unexpectedErrorResponse(error)).catch(() =>
        unexpectedErrorResponse(error),
      );
    }
  };
}

/** For the few endpoints anyone may call (health, info, login): errors in the one shape, no caller. */
export function publicRoute<S extends Operation>(
  spec: S,
  handler: (ctx: { db: Db; request: Request; body: Out<S, "body">; query: Out<S, "query"> }) => Promise<Response | object>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const db = getDb();
      const query = parsePart(spec.query, queryObject(new URL(request.url)));
      const body = spec.body ? parsePart(spec.body, parseJson(await readBody(request))) : undefined;
      const result = await handler({ db, request, body, query } as never);
      const response = result instanceof Response ? result : Response.json(result, { status: spec.status ?? 200 });
      setApiSecurityHeaders(response.headers);
      return response;
    } catch (error) {
      return error instanceof AppError ? errorResponse(error) : unexpectedErrorResponse(error);
    }
  };
}

export { idParams } from "./operations";
