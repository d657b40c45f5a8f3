import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { DateTime } from "luxon";
import { FakeTeamleaderState, isoWithOffset, type Fault, type FaultKind, type FakeTimeEntry, type FakeUser, type Ref } from "./state";

// A fake Teamleader Focus on node:http following /work/shared/integrations/teamleader.md: OAuth authorization
// code + single-use rotating refresh tokens (a reuse is a 400 with code 8, and is counted), short-lived
// opaque access tokens (401 when expired), POST + JSON for every API endpoint, `{"data": ...}`, 201 for
// creates and 204 for updates/deletes, errors as `{"errors": [...]}`, a sliding window of 200 requests per
// minute per (client, account) reported in X-RateLimit-* (Reset an ISO date with offset), time entries
// split at midnight, a freeze window (locked, meta.updatable false), and injected faults.

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Json = Record<string, unknown>;

export type FakeTeamleader = {
  url: string;
  state: FakeTeamleaderState;
  /** The next `n` matching API requests fail with `kind`. */
  failNext(n: number, kind: FaultKind, opts?: Omit<Fault, "kind">): void;
  count(endpoint: string): number;
  close(): Promise<void>;
};

const errors = (status: number, title: string, extra: Json = {}): Reply => ({ status, body: { errors: [{ title, status, ...extra }] } });
const ok = (data: unknown, meta?: unknown): Reply => ({ status: 200, body: meta === undefined ? { data } : { data, meta } });
const noContent: Reply = { status: 204 };
const RESET_ZONE = "Europe/Brussels";

export async function startFakeTeamleader(opts: { port?: number; state?: FakeTeamleaderState } = {}): Promise<FakeTeamleader> {
  const state = opts.state ?? new FakeTeamleaderState();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let base = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void serve(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const userJson = userJsonIn(state);
  const bump = (name: string) => (state.counters[name] = (state.counters[name] ?? 0) + 1);

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, text: string) {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname.replace(/^\/+/, "");
    if (path === "oauth2/authorize") return send(res, "oauth2/authorize", authorize(url.searchParams));
    if (path === "oauth2/access_token") {
      if (req.method !== "POST") return send(res, path, errors(405, "Method not allowed."));
      return send(res, path, accessToken(formOrJson(req, text)));
    }
    const endpoint = path;
    bump(endpoint);
    if (req.method !== "POST") return send(res, endpoint, errors(405, "Only POST is supported."));
    // Rate limit and token first: a throttled or unauthenticated call never reaches a fault or a handler.
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const user = auth ? state.userOf(auth) : null;
    if (!user) return send(res, endpoint, errors(401, "Invalid access token, please acquire a new one."));
    const limit = rateLimit();
    if (!limit.allowed) return send(res, endpoint, { ...errors(429, "Too many requests."), headers: limit.headers });
    const fault = takeFault(endpoint);
    if (fault?.kind === "timeout") {
      if (fault.delayMs === undefined) return; // never answered; close() destroys the socket
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => (timers.delete(t), resolve()), fault.delayMs);
        timers.add(t);
      });
      if (req.socket.destroyed) return;
    }
    if (fault?.kind === 500) return send(res, endpoint, { ...errors(500, "Internal server error."), headers: limit.headers });
    if (fault?.kind === 429) {
      const reset = DateTime.fromMillis(Date.now() + (fault.resetMs ?? 1000), { zone: RESET_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
      return send(res, endpoint, { ...errors(429, "Too many requests."), headers: { ...limit.headers, "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset } });
    }
    let body: Json;
    try {
      body = text.trim() ? (JSON.parse(text) as Json) : {};
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return send(res, endpoint, { ...errors(400, "The request body must be a JSON object."), headers: limit.headers });
    }
    let reply: Reply;
    try {
      reply = handle(endpoint, body, user);
    } catch (e) {
      reply = errors(500, `Fake Teamleader crashed: ${(e as Error).message}`);
    }
    if (fault?.kind === "after-commit-500") reply = errors(500, "Internal server error.");
    send(res, endpoint, { ...reply, headers: { ...reply.headers, ...limit.headers } });
  }

  function send(res: http.ServerResponse, endpoint: string, reply: Reply) {
    state.requests.push({ endpoint, status: reply.status });
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.status === 204 || reply.body === undefined) return void res.writeHead(reply.status, headers).end();
    headers["Content-Type"] = "application/json";
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }

  function takeFault(endpoint: string): Fault | undefined {
    const i = state.faults.findIndex((f) => !f.endpoint || f.endpoint === endpoint);
    return i < 0 ? undefined : state.faults.splice(i, 1)[0];
  }

  /** Sliding window per (client, account); every API answer carries the three headers. */
  function rateLimit(): { allowed: boolean; headers: Record<string, string> } {
    const now = Date.now();
    const { max, windowMs } = state.config.rateLimit;
    const key = `${state.client.id}/${state.account.id}`;
    const times = (state.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    const allowed = times.length < max;
    if (allowed) times.push(now);
    state.windows.set(key, times);
    const reset = DateTime.fromMillis((times[0] ?? now) + windowMs, { zone: RESET_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
    return { allowed, headers: { "X-RateLimit-Limit": String(max), "X-RateLimit-Remaining": String(Math.max(0, max - times.length)), "X-RateLimit-Reset": reset } };
  }

  // ---- OAuth ----

  function authorize(params: URLSearchParams): Reply {
    bump("oauth2/authorize");
    const redirect = params.get("redirect_uri");
    if (params.get("client_id") !== state.client.id || !redirect || params.get("response_type") !== "code") return errors(400, "Invalid authorization request.");
    const back = new URL(redirect);
    const state_ = params.get("state");
    if (params.get("deny") === "1") back.searchParams.set("error", "access_denied");
    else back.searchParams.set("code", state.issueCode(redirect));
    if (state_ !== null) back.searchParams.set("state", state_);
    return { status: 302, headers: { Location: back.toString() } };
  }

  function accessToken(p: Record<string, string>): Reply {
    const grant = p.grant_type;
    bump(`oauth2/access_token ${grant}`);
    if (p.client_id !== state.client.id || p.client_secret !== state.client.secret) {
      return errors(401, "Client authentication failed", { meta: { type: "invalid_client" } });
    }
    let userId: string;
    if (grant === "authorization_code") {
      const code = state.codes.get(p.code ?? "");
      if (!code || code.used || code.expiresAt < Date.now() || code.redirectUri !== p.redirect_uri) {
        return errors(400, "The authorization code is invalid.", { code: 8, meta: { type: "invalid_request", hint: "Authorization code is invalid or expired" } });
      }
      code.used = true;
      userId = code.userId;
    } else if (grant === "refresh_token") {
      const record = state.refreshTokens.get(p.refresh_token ?? "");
      if (record) record.uses += 1;
      if (!record || record.revoked || record.uses > 1) {
        if (record) state.reuses.push({ token: record.token, at: Date.now() });
        return errors(400, "The refresh token is invalid.", { code: 8, meta: { type: "invalid_request", hint: "Token has been revoked" } });
      }
      userId = record.userId;
    } else {
      return errors(400, "Unsupported grant type.", { meta: { type: "unsupported_grant_type" } });
    }
    const access = state.issueAccessToken(userId);
    return { status: 200, body: { token_type: "Bearer", expires_in: access.expiresIn, access_token: access.token, refresh_token: state.issueRefreshToken(userId) } };
  }

  // ---- API ----

  function handle(endpoint: string, body: Json, user: FakeUser): Reply {
    const filter = (body.filter ?? {}) as Json;
    switch (endpoint) {
      case "users.me":
        return ok({ ...userJson(user), preferences: { invoiceable: true, historic_time_tracking_limit: null, whitelabeling: false } });
      case "users.list":
        return ok(page(body, state.users.filter((u) => !filter.status || (filter.status as string[]).includes(u.status))).map(userJson));
      case "companies.list":
        return ok(page(body, state.companies).map((c) => ({ id: c.id, name: c.name, status: c.status, updated_at: c.updatedAt, added_at: c.updatedAt, emails: [], telephones: [] })));
      case "accounts.projects-v2-status":
        return ok({ status: state.config.projectsModule, will_be_automatically_switched_on: "2024-12-31" });
      case "projects-v2/projects.list": {
        const list = state.projects.filter((p) => p.module === "v2");
        const items = page(body, list).map((p) => ({ id: p.id, title: p.title, description: p.description, status: p.status, customers: p.customer ? [p.customer] : [], owners: [], assignees: [] }));
        return String(body.includes ?? "").includes("pagination") ? ok(items, { page: body.page ?? { size: 20, number: 1 }, matches: list.length }) : ok(items);
      }
      case "projects-v2/tasks.list": {
        const ids = filter.ids as string[] | undefined;
        const list = state.tasks.filter((t) => t.kind === "nextgenTask" && (!ids || ids.includes(t.id)) && (!filter.project_id || filter.project_id === t.projectId));
        return ok(page(body, list).map((t) => ({ id: t.id, project: { type: "nextgenProject", id: t.projectId }, title: t.title, status: t.status, work_type: t.workTypeId ? { type: "workType", id: t.workTypeId } : null })));
      }
      case "projects.list":
        return ok(page(body, state.projects.filter((p) => p.module === "legacy")).map((p) => ({ id: p.id, title: p.title, description: p.description, status: p.status, customer: p.customer })));
      case "milestones.list": {
        const list = state.tasks.filter((t) => t.kind === "milestone" && (!filter.project_id || filter.project_id === t.projectId));
        return ok(page(body, list).map((t) => ({ id: t.id, project: { type: "project", id: t.projectId }, name: t.title, status: t.status })));
      }
      case "workTypes.list":
        return ok(page(body, state.workTypes).map((w) => ({ id: w.id, name: w.name })));
      case "timeTracking.list":
        return ok(page(body, listTime(filter)).map((e) => timeJson(e, String(body.includes ?? ""))));
      case "timeTracking.info": {
        const e = state.timeEntries.find((x) => x.id === body.id);
        if (!e) return errors(404, "Time tracking not found.");
        return ok({ ...timeJson(e, String(body.includes ?? "")), locked: state.isLocked(e) }, { updatable: !state.isLocked(e) });
      }
      case "timeTracking.add":
        return addTime(body, user);
      case "timeTracking.update":
        return updateTime(body);
      case "timeTracking.delete": {
        const i = state.timeEntries.findIndex((x) => x.id === body.id);
        if (i < 0) return errors(404, "Time tracking not found.");
        if (state.isLocked(state.timeEntries[i])) return errors(403, "This time tracking entry is locked and can no longer be changed.");
        state.timeEntries.splice(i, 1);
        return noContent;
      }
      default:
        return errors(404, `Unknown endpoint ${endpoint}.`);
    }
  }

  // Without a user_id filter: every user's entries (the connecting user may see them all).
  function listTime(filter: Json): FakeTimeEntry[] {
    const t = (v: unknown) => (typeof v === "string" ? Date.parse(v) : NaN);
    const ids = filter.ids as string[] | undefined;
    const userId = (filter.user_id as string | undefined) ?? undefined;
    return state.timeEntries
      .filter((e) => (!ids || ids.includes(e.id)) && (!userId || e.userId === userId))
      .filter((e) => !filter.started_after || Date.parse(e.startedAt) >= t(filter.started_after))
      .filter((e) => !filter.started_before || Date.parse(e.startedAt) < t(filter.started_before))
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  }

  /** Checks the fields `timeTracking.add|update` share; returns a reply when something is wrong. */
  function checkFields(body: Json): Reply | null {
    if (body.work_type_id !== undefined && body.work_type_id !== null && !state.workTypes.some((w) => w.id === body.work_type_id)) return errors(400, "Work type not found.");
    if (body.subject !== undefined && body.subject !== null) {
      const s = body.subject as Ref;
      const known =
        s.type === "company" ? state.companies.some((c) => c.id === s.id) : s.type === "nextgenTask" || s.type === "milestone" ? state.tasks.some((x) => x.id === s.id && x.kind === s.type) : false;
      if (!known) return errors(400, `Subject ${s.type} ${s.id} not found.`);
    }
    if (body.started_at !== undefined && (typeof body.started_at !== "string" || !/[+-]\d\d:?\d\d$|Z$/.test(body.started_at) || Number.isNaN(Date.parse(body.started_at)))) {
      return errors(400, "started_at must be an ISO 8601 date-time with an offset.");
    }
    if (body.duration !== undefined && (!Number.isInteger(body.duration) || (body.duration as number) <= 0)) return errors(400, "duration must be a positive whole number of seconds.");
    return null;
  }

  function addTime(body: Json, user: FakeUser): Reply {
    const bad = checkFields(body);
    if (bad) return bad;
    const variants = [body.started_at !== undefined && body.duration !== undefined, body.started_at !== undefined && body.ended_at !== undefined, body.started_on !== undefined].filter(Boolean).length;
    if (variants !== 1 || body.started_at === undefined) return errors(400, "Send exactly one of started_at + duration, started_at + ended_at (started_on is off for this account).");
    const userId = typeof body.user_id === "string" ? body.user_id : user.id;
    if (!state.users.some((u) => u.id === userId)) return errors(400, "User not found.");
    const duration = body.duration !== undefined ? (body.duration as number) : Math.round((Date.parse(body.ended_at as string) - Date.parse(body.started_at as string)) / 1000);
    const [first] = state.addTime({
      userId,
      workTypeId: (body.work_type_id as string | undefined) ?? null,
      startedAt: body.started_at as string,
      duration,
      description: typeof body.description === "string" ? body.description : "",
      subject: (body.subject as Ref | undefined) ?? null,
      invoiceable: body.invoiceable === true,
    });
    return { status: 201, body: { data: { type: "timetracking", id: first.id } } };
  }

  function updateTime(body: Json): Reply {
    const e = state.timeEntries.find((x) => x.id === body.id);
    if (!e) return errors(404, "Time tracking not found.");
    if (state.isLocked(e)) return errors(403, "This time tracking entry is locked and can no longer be changed.");
    if (body.duration === undefined) return errors(400, "duration is required.");
    const bad = checkFields(body);
    if (bad) return bad;
    if (typeof body.started_at === "string") e.startedAt = isoWithOffset(DateTime.fromISO(body.started_at, { setZone: true }));
    e.duration = body.duration as number;
    e.endedAt = isoWithOffset(DateTime.fromISO(e.startedAt, { setZone: true }).plus({ seconds: e.duration }));
    if (body.description !== undefined) e.description = String(body.description ?? "");
    if (body.work_type_id !== undefined) e.workTypeId = (body.work_type_id as string | null) ?? null;
    if (body.subject !== undefined) e.subject = (body.subject as Ref | null) ?? null;
    if (body.invoiceable !== undefined) e.invoiceable = body.invoiceable === true;
    return noContent;
  }

  function timeJson(e: FakeTimeEntry, includes: string) {
    const task = e.subject ? state.tasks.find((t) => t.id === e.subject!.id) : undefined;
    const relatesTo = task ? [{ type: task.kind === "nextgenTask" ? "nextgenProject" : "project", id: task.projectId }] : [];
    return {
      id: e.id,
      user: { type: "user", id: e.userId },
      work_type: e.workTypeId ? { type: "workType", id: e.workTypeId } : null,
      started_on: e.startedAt.slice(0, 10),
      started_at: e.startedAt,
      ended_at: e.endedAt,
      duration: e.duration,
      description: e.description,
      subject: e.subject,
      invoiceable: e.invoiceable,
      billing_info: null,
      ...(includes.includes("relates_to") ? { relates_to: relatesTo } : {}),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    failNext(n, kind, o = {}) {
      for (let i = 0; i < n; i++) state.faults.push({ kind, ...o });
    },
    count: (endpoint) => state.counters[endpoint] ?? 0,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const userJsonIn = (state: FakeTeamleaderState) => (u: FakeUser) => ({ id: u.id, account: { type: "account", id: state.account.id }, first_name: u.firstName, last_name: u.lastName, email: u.email, time_zone: u.timeZone, status: u.status, language: "en" });

/** `page: {size, number}` (1-based, default 20/1, at most 100). */
function page<T>(body: Json, list: T[]): T[] {
  const p = (body.page ?? {}) as { size?: number; number?: number };
  const size = Math.min(100, Math.max(1, Number(p.size ?? 20)));
  const number = Math.max(1, Number(p.number ?? 1));
  return list.slice((number - 1) * size, number * size);
}

function formOrJson(req: http.IncomingMessage, text: string): Record<string, string> {
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/json")) {
    try {
      return JSON.parse(text) as Record<string, string>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}
