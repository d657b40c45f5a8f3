import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeZohoState, type Fault, type FaultKind, type FakeLog, type FakeLogKind } from "./state";

// A fake Zoho (accounts + classic Projects REST API) on node:http, following
// /work/shared/integrations/zoho-projects.md: OAuth code/refresh grants whose errors are HTTP 200
// {"error": ...}, 401 on expired tokens, 204 for empty lists, index/range paging (max 200), logs grouped
// by day and split by kind, form-encoded writes with MM-DD-YYYY dates and hh:mm hours, ids beyond 2^53
// (a lossy JSON number `id` next to `id_string`), 100 calls per 2 minutes then a 30-minute block, and
// fault injection for the failures a sync engine must survive.

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Req = { method: string; path: string; params: URLSearchParams; headers: http.IncomingHttpHeaders; base: string };

export type FakeZoho = {
  url: string;
  state: FakeZohoState;
  /** The next `n` matching requests fail with `kind` (see Fault). */
  failNext(n: number, kind: FaultKind, opts?: Omit<Fault, "kind">): void;
  issueCode(opts?: { clientId?: string; redirectUri?: string | null }): string;
  issueRefreshToken(clientId?: string): string;
  revokeRefreshToken(token: string): void;
  /** Every stored log, flattened. */
  logs(): FakeLog[];
  count(route: string): number;
  close(): Promise<void>;
};

const RAW = "\u0000RAW:";
/** A JSON number written exactly as given (JSON.parse on the other side loses precision beyond 2^53). */
const raw = (id: string) => `${RAW}${id}`;
const toJson = (body: unknown) => JSON.stringify(body).replace(/"\\u0000RAW:(-?\d+)"/g, "$1");

const zohoError = (status: number, code: number, message: string): Reply => ({ status, body: { error: { code, message } } });
const notFound = (what: string) => zohoError(404, 6404, `${what} does not exist.`);
const badRequest = (message: string) => zohoError(400, 6832, message);

export async function startFakeZoho(opts: { port?: number; state?: FakeZohoState } = {}): Promise<FakeZoho> {
  const state = opts.state ?? new FakeZohoState();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let base = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void serve(req, res, Buffer.concat(chunks).toString("utf8"));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, bodyText: string) {
    const url = new URL(req.url ?? "/", base);
    const params = new URLSearchParams(url.searchParams);
    const type = String(req.headers["content-type"] ?? "");
    if (bodyText && type.includes("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(bodyText)) params.set(k, v);
    }
    const r: Req = { method: req.method ?? "GET", path: url.pathname, params, headers: req.headers, base };
    const match = route(r);
    const name = match?.name ?? `${r.method} unknown`;
    state.counters[name] = (state.counters[name] ?? 0) + 1;
    const record = (status: number) => state.requests.push({ method: r.method, path: r.path, route: name, status });

    const fault = takeFault(r);
    if (fault?.kind === "reset") {
      record(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "timeout") {
      if (fault.delayMs === undefined) {
        record(0);
        return; // never answered; close() destroys the socket
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => (timers.delete(t), resolve()), fault.delayMs);
        timers.add(t);
      });
      if (req.socket.destroyed) return record(0);
    }
    if (fault?.kind === 500 || fault?.kind === 429) {
      const reply =
        fault.kind === 500 ? zohoError(500, 6500, "Internal server error.") : zohoError(429, 6403, "You have exceeded the maximum number of API calls.");
      if (fault.retryAfter !== undefined) reply.headers = { "Retry-After": String(fault.retryAfter) };
      return send(res, reply, record);
    }

    let reply: Reply;
    try {
      reply = match ? match.handle() : zohoError(404, 6404, "Given URL is wrong.");
    } catch (e) {
      reply = zohoError(500, 6500, `Fake Zoho crashed: ${(e as Error).message}`);
    }
    if (fault?.kind === "after-commit-500") reply = zohoError(500, 6500, "Internal server error.");
    send(res, reply, record);
  }

  function send(res: http.ServerResponse, reply: Reply, record: (status: number) => void) {
    record(reply.status);
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    headers["Content-Type"] = "application/json;charset=UTF-8";
    res.writeHead(reply.status, headers).end(toJson(reply.body));
  }

  function takeFault(r: Req): Fault | undefined {
    const i = state.faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === r.method) &&
        (f.path === undefined ? r.path.startsWith("/restapi/") : typeof f.path === "string" ? r.path.startsWith(f.path) : f.path.test(r.path)),
    );
    return i < 0 ? undefined : state.faults.splice(i, 1)[0];
  }

  // ---- routing ----

  function route(r: Req): { name: string; handle: () => Reply } | null {
    const m = (re: RegExp) => re.exec(r.path.endsWith("/") ? r.path : `${r.path}/`);
    const get = r.method === "GET";
    const post = r.method === "POST";
    const del = r.method === "DELETE";
    let x: RegExpExecArray | null;

    if (get && r.path === "/oauth/v2/auth") return { name: "GET auth", handle: () => authorize(r) };
    if (post && r.path === "/oauth/v2/token") return { name: "POST token", handle: () => token(r) };
    if (post && r.path === "/oauth/v2/token/revoke") return { name: "POST revoke", handle: () => revoke(r) };
    if (!r.path.startsWith("/restapi/")) return null;

    const api = (name: string, fn: () => Reply) => ({ name, handle: () => guarded(r, fn) });
    if (get && m(/^\/restapi\/portals\/$/)) return api("GET portals", () => listPortals(r));
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/$/)) && get) return api("GET projects", () => withPortal(x![1], (p) => listProjects(r, p)));
    if ((x = m(/^\/restapi\/portal\/(\d+)\/logs\/$/)) && get) return api("GET mylogs", () => withPortal(x![1], (p) => listLogs(r, { portalId: p })));
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/$/)) && get)
      return api("GET project", () => withProject(x![1], x![2], (p) => ({ status: 200, body: { projects: [projectJson(p)] } })));
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/tasks\/$/)) && get)
      return api("GET tasks", () => withProject(x![1], x![2], (p) => listTasks(r, p.id)));
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/logs\/$/))) {
      const [, portal, project] = x;
      if (get) return api("GET logs", () => withProject(portal, project, () => listLogs(r, { portalId: portal, projectId: project })));
      if (post) return api("POST generallog", () => withProject(portal, project, () => createLog(r, portal, project, null)));
    }
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/logs\/(\d+)\/$/))) {
      const [, portal, project, log] = x;
      if (post) return api("POST generallog.update", () => withProject(portal, project, () => updateLog(r, portal, project, null, log)));
      if (del) return api("DELETE generallog", () => withProject(portal, project, () => deleteLog(project, null, log)));
    }
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/tasks\/(\d+)\/logs\/$/))) {
      const [, portal, project, task] = x;
      if (get) return api("GET tasklogs", () => withTask(portal, project, task, () => listLogs(r, { portalId: portal, projectId: project, taskId: task })));
      if (post) return api("POST tasklog", () => withTask(portal, project, task, () => createLog(r, portal, project, task)));
    }
    if ((x = m(/^\/restapi\/portal\/(\d+)\/projects\/(\d+)\/tasks\/(\d+)\/logs\/(\d+)\/$/))) {
      const [, portal, project, task, log] = x;
      if (post) return api("POST tasklog.update", () => withTask(portal, project, task, () => updateLog(r, portal, project, task, log)));
      // A task log's delete works even when the task is gone, as long as the log names it.
      if (del) return api("DELETE tasklog", () => withProject(portal, project, () => deleteLog(project, task, log)));
    }
    return null;
  }

  /** Rate limit, then the access token. */
  function guarded(r: Req, fn: () => Reply): Reply {
    const now = Date.now();
    const { max, windowMs, blockMs } = state.config.rateLimit;
    state.callTimes = state.callTimes.filter((t) => t > now - windowMs);
    if (now < state.blockedUntil) return zohoError(429, 6403, "You have exceeded the maximum number of API calls. Try again later.");
    if (state.callTimes.length >= max) {
      state.blockedUntil = now + blockMs;
      return zohoError(429, 6403, "You have exceeded the maximum number of API calls. Try again later.");
    }
    state.callTimes.push(now);
    const auth = String(r.headers.authorization ?? "");
    const token = /^Zoho-oauthtoken (.+)$/.exec(auth)?.[1];
    if (!token || !state.isValidAccessToken(token)) return zohoError(401, 6401, "Invalid OAuth access token.");
    return fn();
  }

  const withPortal = (portalId: string, fn: (p: string) => Reply) =>
    state.portals.some((p) => p.id === portalId) ? fn(portalId) : zohoError(404, 6404, "Portal does not exist.");
  const withProject = (portalId: string, projectId: string, fn: (p: (typeof state.projects)[number]) => Reply) =>
    withPortal(portalId, () => {
      const project = state.projects.find((p) => p.id === projectId && p.portalId === portalId);
      return project ? fn(project) : notFound("Project");
    });
  const withTask = (portalId: string, projectId: string, taskId: string, fn: () => Reply) =>
    withProject(portalId, projectId, () => (state.tasks.some((t) => t.id === taskId && t.projectId === projectId) ? fn() : notFound("Task")));

  // ---- OAuth ----

  function authorize(r: Req): Reply {
    const client = state.clients.find((c) => c.id === r.params.get("client_id"));
    const redirect = r.params.get("redirect_uri");
    if (!client || !redirect) return { status: 400, body: { error: "invalid_client" } };
    if (r.params.get("response_type") !== "code") return { status: 400, body: { error: "unsupported_response_type" } };
    const code = state.issueCode({ clientId: client.id, redirectUri: redirect });
    const to = new URL(redirect);
    to.searchParams.set("code", code);
    const s = r.params.get("state");
    if (s !== null) to.searchParams.set("state", s);
    to.searchParams.set("location", state.config.location);
    to.searchParams.set("accounts-server", r.base);
    return { status: 302, headers: { Location: to.toString() } };
  }

  function token(r: Req): Reply {
    const p = r.params;
    const client = state.clients.find((c) => c.id === p.get("client_id") && c.secret === p.get("client_secret"));
    if (!client) return { status: 200, body: { error: "invalid_client" } };
    const grant = p.get("grant_type");
    if (grant === "authorization_code") {
      const code = state.codes.get(p.get("code") ?? "");
      if (!code || code.used || code.expiresAt <= Date.now() || code.clientId !== client.id) return { status: 200, body: { error: "invalid_code" } };
      if (code.redirectUri !== null && code.redirectUri !== p.get("redirect_uri")) return { status: 200, body: { error: "invalid_redirect_uri" } };
      code.used = true;
      const refresh = state.issueRefreshToken(client.id);
      const access = state.issueAccessToken(refresh);
      return {
        status: 200,
        body: { access_token: access.token, refresh_token: refresh, api_domain: "https://www.zohoapis.com", token_type: "Bearer", expires_in: access.expiresIn },
      };
    }
    if (grant === "refresh_token") {
      const refresh = state.refreshTokens.get(p.get("refresh_token") ?? "");
      if (!refresh || refresh.revoked || refresh.clientId !== client.id) return { status: 200, body: { error: "invalid_code" } };
      const access = state.issueAccessToken(refresh.token);
      return { status: 200, body: { access_token: access.token, api_domain: "https://www.zohoapis.com", token_type: "Bearer", expires_in: access.expiresIn } };
    }
    return { status: 200, body: { error: "unsupported_grant_type" } };
  }

  function revoke(r: Req): Reply {
    state.revokeRefreshToken(r.params.get("token") ?? "");
    return { status: 200, body: { status: "success" } };
  }

  // ---- reads ----

  function page<T>(r: Req, items: T[]): T[] | Reply {
    const index = Number(r.params.get("index") ?? "1");
    const range = Math.min(Number(r.params.get("range") ?? "100"), 200);
    if (!Number.isInteger(index) || index < 1 || !Number.isInteger(range) || range < 1) return badRequest("Invalid value for index or range.");
    return items.slice(index - 1, index - 1 + range);
  }

  function listPortals(r: Req): Reply {
    const items = page(r, state.portals);
    if (!Array.isArray(items)) return items;
    if (items.length === 0) return { status: 204 };
    return {
      status: 200,
      body: {
        portals: items.map((p) => ({
          id: raw(p.id),
          id_string: p.id,
          name: p.name,
          default: p.isDefault,
          gmt_time_zone: "(GMT 0:0) Coordinated Universal Time",
          role: "admin",
          settings: { company_name: p.name, website_url: "", time_zone: p.timeZone, date_format: "MM-dd-yyyy hh:mm aaa" },
          locale: { code: "en_US", language: "English", country: "United States" },
          project_count: {
            active: state.projects.filter((x) => x.portalId === p.id && x.status === "active").length,
            archived: state.projects.filter((x) => x.portalId === p.id && x.status === "archived").length,
          },
        })),
      },
    };
  }

  function projectJson(p: (typeof state.projects)[number]) {
    const self = `${base}/restapi/portal/${p.portalId}/projects/${p.id}/`;
    return {
      id: raw(p.id),
      id_string: p.id,
      name: p.name,
      status: p.status,
      description: p.description,
      owner_name: state.user.name,
      owner_id: state.user.zuid,
      task_count: {
        open: state.tasks.filter((t) => t.projectId === p.id && !t.completed).length,
        closed: state.tasks.filter((t) => t.projectId === p.id && t.completed).length,
      },
      link: { self: { url: self }, task: { url: `${self}tasks/` }, timesheet: { url: `${self}logs/` } },
    };
  }

  function listProjects(r: Req, portalId: string): Reply {
    const status = r.params.get("status") ?? "active";
    const all = state.projects.filter((p) => p.portalId === portalId && (status === "all" ? p.status !== "template" : p.status === status));
    const items = page(r, all);
    if (!Array.isArray(items)) return items;
    return items.length === 0 ? { status: 204 } : { status: 200, body: { projects: items.map(projectJson) } };
  }

  function listTasks(r: Req, projectId: string): Reply {
    const status = r.params.get("status") ?? "all";
    const all = state.tasks.filter(
      (t) => t.projectId === projectId && (status === "all" || (status === "completed" ? t.completed : status === "notcompleted" ? !t.completed : true)),
    );
    const items = page(r, all);
    if (!Array.isArray(items)) return items;
    if (items.length === 0) return { status: 204 };
    return {
      status: 200,
      body: {
        tasks: items.map((t) => ({
          id: raw(t.id),
          id_string: t.id,
          key: `FW-T${t.id.slice(-3)}`,
          name: t.name,
          completed: t.completed,
          priority: "None",
          percent_complete: t.completed ? "100" : "0",
          details: { owners: [{ name: state.user.name, id: state.user.zpuid }] },
          tasklist: { id: raw("1752587000000000001"), name: "General" },
          link: { self: { url: `${base}/restapi/portal/x/projects/${projectId}/tasks/${t.id}/` } },
        })),
      },
    };
  }

  function listLogs(r: Req, where: { portalId: string; projectId?: string; taskId?: string }): Reply {
    const p = r.params;
    for (const k of ["users_list", "view_type", "date", "bill_status", "component_type"]) {
      if (!p.get(k)) return badRequest(`Parameter ${k} is required.`);
    }
    const day = parseDay(p.get("date")!);
    if (day === null) return badRequest("Invalid date format. Use MM-DD-YYYY.");
    let from: number, to: number;
    const view = p.get("view_type");
    if (view === "day") [from, to] = [day, day];
    else if (view === "week") {
      const dow = new Date(day * 86400000).getUTCDay();
      [from, to] = [day - dow, day - dow + 6];
    } else if (view === "month") {
      const d = new Date(day * 86400000);
      from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86400000;
      to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / 86400000;
    } else if (view === "custom_date") {
      let custom: { start_date?: string; end_date?: string };
      try {
        custom = JSON.parse(p.get("custom_date") ?? "");
      } catch {
        return badRequest("Parameter custom_date is required for view_type custom_date.");
      }
      const s = parseDay(custom.start_date ?? "");
      const e = parseDay(custom.end_date ?? "");
      if (s === null || e === null) return badRequest("Invalid custom_date. Use MM-DD-YYYY.");
      [from, to] = [s, e];
    } else return badRequest("Invalid view_type.");

    const bill = p.get("bill_status")!;
    if (!["All", "Billable", "Non Billable"].includes(bill)) return badRequest("Invalid bill_status.");
    const kind = p.get("component_type")!;
    if (!["task", "bug", "general"].includes(kind)) return badRequest("Invalid component_type.");
    const users = p.get("users_list")!;
    const owners = users === "all" ? null : users.split(",");

    const all = state.logs
      .filter((l) => {
        const d = parseDay(l.date)!;
        return (
          l.portalId === where.portalId &&
          (!where.projectId || l.projectId === where.projectId) &&
          (!where.taskId || l.taskId === where.taskId) &&
          d >= from &&
          d <= to &&
          (bill === "All" || l.billStatus === bill) &&
          l.kind === kind &&
          (!owners || owners.includes(l.ownerId))
        );
      })
      .sort((a, b) => parseDay(a.date)! - parseDay(b.date)! || a.createdAt - b.createdAt);
    const items = page(r, all);
    if (!Array.isArray(items)) return items;
    if (items.length === 0) return { status: 204 };

    const days = new Map<string, FakeLog[]>();
    for (const l of items) days.set(l.date, [...(days.get(l.date) ?? []), l]);
    const total = (ls: FakeLog[]) => hhmm(ls.reduce((s, l) => s + l.hours * 60 + l.minutes, 0));
    return {
      status: 200,
      body: {
        timelogs: {
          grandtotal: total(items),
          role: "admin",
          date: [...days].map(([date, ls]) => ({
            date,
            display_format: date,
            date_long: parseDay(date)! * 86400000,
            total_hours: total(ls),
            ...(kind === "task" ? { tasklogs: ls.map(logJson) } : { generallogs: ls.map(logJson) }),
          })),
        },
      },
    };
  }

  // ---- writes ----

  function readLogFields(r: Req, kind: FakeLogKind, partial: boolean): Partial<FakeLog> | Reply {
    const p = r.params;
    const out: Partial<FakeLog> = {};
    const date = p.get("date");
    if (date !== null || !partial) {
      if (!date || parseDay(date) === null) return badRequest("Invalid date format. Use MM-DD-YYYY.");
      out.date = date;
    }
    const hours = p.get("hours");
    if (hours !== null || !partial) {
      const h = /^(\d{1,3}):([0-5]\d)$/.exec(hours ?? "");
      if (!h) return badRequest("Invalid hours format. Use hh:mm.");
      if (Number(h[1]) === 0 && Number(h[2]) === 0) return badRequest("Log hours should be greater than zero.");
      out.hours = Number(h[1]);
      out.minutes = Number(h[2]);
    }
    const bill = p.get("bill_status");
    if (bill !== null || !partial) {
      if (bill !== "Billable" && bill !== "Non Billable") return badRequest("Invalid bill_status. Use Billable or Non Billable.");
      out.billStatus = bill;
    }
    if (p.get("notes") !== null) out.notes = p.get("notes")!;
    if (kind === "general") {
      const name = p.get("name");
      if (name !== null || !partial) {
        if (!name?.trim()) return badRequest("Parameter name is required for a general log.");
        out.name = name;
      }
    }
    const owner = p.get("owner");
    if (owner !== null) out.ownerId = owner;
    return out;
  }

  function createLog(r: Req, portalId: string, projectId: string, taskId: string | null): Reply {
    const kind: FakeLogKind = taskId ? "task" : "general";
    const fields = readLogFields(r, kind, false);
    if ("status" in fields) return fields as Reply;
    const log = state.addLog({ ...(fields as FakeLog), portalId, projectId, taskId, kind });
    return { status: 201, body: { timelogs: { [kind === "task" ? "tasklogs" : "generallogs"]: [logJson(log)] } } };
  }

  function findLog(projectId: string, taskId: string | null, logId: string): FakeLog | undefined {
    return state.logs.find((l) => l.id === logId && l.projectId === projectId && (taskId ? l.kind === "task" && l.taskId === taskId : l.kind === "general"));
  }

  function updateLog(r: Req, _portalId: string, projectId: string, taskId: string | null, logId: string): Reply {
    const log = findLog(projectId, taskId, logId);
    if (!log) return notFound("Log");
    const fields = readLogFields(r, log.kind, true);
    if ("status" in fields) return fields as Reply;
    Object.assign(log, fields, { updatedAt: Date.now() });
    return { status: 200, body: { timelogs: { [log.kind === "task" ? "tasklogs" : "generallogs"]: [logJson(log)] } } };
  }

  function deleteLog(projectId: string, taskId: string | null, logId: string): Reply {
    const log = findLog(projectId, taskId, logId);
    if (!log) return notFound("Log");
    state.logs.splice(state.logs.indexOf(log), 1);
    return { status: 200, body: { response: "Log deleted successfully." } };
  }

  function logJson(l: FakeLog) {
    const task = l.taskId ? state.tasks.find((t) => t.id === l.taskId) : undefined;
    const self = `${base}/restapi/portal/${l.portalId}/projects/${l.projectId}/${l.taskId ? `tasks/${l.taskId}/` : ""}logs/${l.id}/`;
    return {
      id: raw(l.id),
      id_string: l.id,
      notes: l.notes,
      log_date: l.date,
      log_date_format: l.date,
      log_date_long: parseDay(l.date)! * 86400000,
      hours: l.hours,
      minutes: l.minutes,
      hours_display: hhmm(l.hours * 60 + l.minutes),
      total_minutes: l.hours * 60 + l.minutes,
      owner_id: raw(l.ownerId),
      owner_name: l.ownerName,
      bill_status: l.billStatus,
      approval_status: "Pending",
      created_time_long: l.createdAt,
      last_modified_time_long: l.updatedAt,
      link: { self: { url: self } },
      ...(l.kind === "task" ? { task: { id: raw(l.taskId!), name: task?.name ?? "" } } : { name: l.name }),
    };
  }

  // A port in use (EADDRINUSE) rejects instead of crashing the process with an unhandled 'error'.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    failNext: (n, kind, o = {}) => {
      for (let i = 0; i < n; i++) state.faults.push({ ...o, kind });
    },
    issueCode: (o) => state.issueCode(o),
    issueRefreshToken: (c) => state.issueRefreshToken(c),
    revokeRefreshToken: (t) => state.revokeRefreshToken(t),
    logs: () => state.logs.map((l) => ({ ...l })),
    count: (name) => state.count(name),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** MM-DD-YYYY → days since the epoch, or null when it is not a real date. */
function parseDay(s: string): number | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(s);
  if (!m) return null;
  const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86400000;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
