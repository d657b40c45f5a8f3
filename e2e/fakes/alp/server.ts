import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeAlpState, type Fault, type FaultKind, type FakeTimeEntry } from "./state";

// A fake ALP on node:http, following /work/shared/integrations/alp.md exactly: Bearer key per user, JSON
// lists {"data", "meta": {page, per_page, total}} with per_page at most 100, errors {"error": {code,
// message}}, matters → outcomes → components, users, GST types, POST /time_entries with an Idempotency-Key
// (same key and body → 200 and the same entry; same key, other body → 409), PATCH and DELETE (an invoiced
// entry answers 409 "invoiced"), 60 requests a minute per key then 429 with Retry-After, and fault
// injection (500, 429, a request never answered, a reset connection, a write committed whose answer is a 500).

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Req = { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; body: string; userId: string };

export type FakeAlp = {
  url: string;
  state: FakeAlpState;
  /** The next `n` matching requests fail with `kind`. */
  failNext(n: number, kind: FaultKind, opts?: Omit<Fault, "kind">): void;
  /** Entries not deleted. */
  entries(): FakeTimeEntry[];
  count(route: string): number;
  close(): Promise<void>;
};

const alpError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({ status, body: { error: { code, message } }, headers });
const invalid = (message: string) => alpError(400, "invalid", message);

const ENTRY_FIELDS = ["matter_id", "outcome_id", "component_id", "user_id", "date", "start_time", "minutes", "units", "description", "gst_type_id", "billable", "external_ref"] as const;

/** JSON with sorted keys: "the same body" regardless of key order. */
const canonical = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));

export async function startFakeAlp(opts: { port?: number; state?: FakeAlpState } = {}): Promise<FakeAlp> {
  const state = opts.state ?? new FakeAlpState();
  const sockets = new Set<Socket>();
  let base = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => serve(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  function serve(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const url = new URL(req.url ?? "/", base);
    const r: Req = { method: req.method ?? "GET", path: url.pathname.replace(/\/+$/, "") || "/", query: url.searchParams, headers: req.headers, body, userId: "" };
    const match = route(r);
    const name = match?.name ?? `${r.method} unknown`;
    state.counters[name] = (state.counters[name] ?? 0) + 1;
    const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
    const record = (status: number) => state.requests.push({ method: r.method, path: r.path, route: name, status, idempotencyKey });

    const fault = takeFault(r);
    if (fault?.kind === "reset") return (record(0), req.socket.destroy());
    if (fault?.kind === "timeout") return record(0); // never answered; close() destroys the socket
    if (fault?.kind === 500) return send(res, alpError(500, "server_error", "Internal server error."), record);
    if (fault?.kind === 429) return send(res, alpError(429, "rate_limited", "Too many requests.", { "Retry-After": String(fault.retryAfter ?? 1) }), record);

    let reply: Reply;
    try {
      reply = match ? guarded(r, match.handle) : alpError(404, "not_found", `No route ${r.method} ${r.path}.`);
    } catch (e) {
      reply = alpError(500, "server_error", `Fake ALP crashed: ${(e as Error).message}`);
    }
    // The write happened; its answer is lost.
    if (fault?.kind === "after-commit-500") reply = alpError(500, "server_error", "Internal server error.");
    send(res, reply, record);
  }

  function send(res: http.ServerResponse, reply: Reply, record: (status: number) => void) {
    record(reply.status);
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body === undefined) return void res.writeHead(reply.status, headers).end();
    headers["Content-Type"] = "application/json; charset=utf-8";
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }

  function takeFault(r: Req): Fault | undefined {
    const i = state.faults.findIndex(
      (f) => (!f.method || f.method.toUpperCase() === r.method) && (f.path === undefined || (typeof f.path === "string" ? r.path.startsWith(f.path) : f.path.test(r.path))),
    );
    return i < 0 ? undefined : state.faults.splice(i, 1)[0];
  }

  /** The key, then the per-key rate limit. */
  function guarded(r: Req, handle: (r: Req) => Reply): Reply {
    const key = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ""))?.[1];
    const userId = key ? state.keys.get(key) : undefined;
    if (!key || !userId) return alpError(401, "unauthenticated", "The API key is missing, wrong or revoked.");
    const now = Date.now();
    const times = (state.callTimes.get(key) ?? []).filter((t) => t > now - 60_000);
    if (times.length >= state.config.rateLimitPerMinute) {
      return alpError(429, "rate_limited", "More than the allowed requests per minute.", { "Retry-After": String(times.length ? Math.max(1, Math.ceil((times[0] + 60_000 - now) / 1000)) : 1) });
    }
    state.callTimes.set(key, [...times, now]);
    return handle({ ...r, userId });
  }

  function route(r: Req): { name: string; handle: (r: Req) => Reply } | null {
    const get = r.method === "GET";
    let x: RegExpExecArray | null;
    if (get && r.path === "/matters") return { name: "GET matters", handle: listMatters };
    if (get && (x = /^\/matters\/([^/]+)\/outcomes$/.exec(r.path))) {
      const id = decodeURIComponent(x[1]);
      return { name: "GET outcomes", handle: (q) => (state.matters.some((m) => m.id === id) ? list(q, state.outcomes.filter((o) => o.matter_id === id)) : alpError(404, "not_found", "No such matter.")) };
    }
    if (get && (x = /^\/outcomes\/([^/]+)\/components$/.exec(r.path))) {
      const id = decodeURIComponent(x[1]);
      return { name: "GET components", handle: (q) => (state.outcomes.some((o) => o.id === id) ? list(q, state.components.filter((c) => c.outcome_id === id)) : alpError(404, "not_found", "No such outcome.")) };
    }
    if (get && r.path === "/users") return { name: "GET users", handle: (q) => list(q, state.users) };
    if (get && r.path === "/gst_types") return { name: "GET gst_types", handle: (q) => list(q, state.gstTypes) };
    if (r.path === "/time_entries") {
      if (get) return { name: "GET time_entries", handle: listEntries };
      if (r.method === "POST") return { name: "POST time_entries", handle: createEntry };
    }
    if ((x = /^\/time_entries\/([^/]+)$/.exec(r.path))) {
      const id = decodeURIComponent(x[1]);
      if (r.method === "PATCH") return { name: "PATCH time_entries", handle: (q) => updateEntry(q, id) };
      if (r.method === "DELETE") return { name: "DELETE time_entries", handle: (q) => deleteEntry(q, id) };
    }
    return null;
  }

  // ---- reads ----

  function list<T>(r: Req, items: T[]): Reply {
    const page = Number(r.query.get("page") ?? "1");
    const perPage = Number(r.query.get("per_page") ?? "25");
    if (!Number.isInteger(page) || page < 1) return invalid("page must be a whole number from 1.");
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalid("per_page must be between 1 and 100.");
    return { status: 200, body: { data: items.slice((page - 1) * perPage, page * perPage), meta: { page, per_page: perPage, total: items.length } } };
  }

  function listMatters(r: Req): Reply {
    const status = r.query.get("status");
    if (status !== null && status !== "active" && status !== "closed") return invalid("status must be active or closed.");
    return list(r, state.matters.filter((m) => status === null || m.status === status));
  }

  function listEntries(r: Req): Reply {
    const userId = r.query.get("user_id");
    const date = r.query.get("date");
    if (!userId || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return invalid("user_id and date (YYYY-MM-DD) are required.");
    if (userId !== r.userId) return alpError(403, "forbidden", "This key may only list its own user's entries.");
    return list(r, state.entries.filter((e) => e.user_id === userId && e.date === date).map(entryJson));
  }

  const entryJson = ({ invoiced, ...e }: FakeTimeEntry) => ({ ...e, invoiced });

  // ---- writes ----

  /** The entry's fields, checked as a whole (after a PATCH merged its part in). */
  function validate(r: Req, e: Record<string, unknown>): Reply | null {
    for (const f of ENTRY_FIELDS) if (!(f in e)) return invalid(`${f} is required.`);
    const matter = state.matters.find((m) => m.id === e.matter_id);
    if (!matter) return invalid(`matter_id ${String(e.matter_id)} does not exist.`);
    if (matter.status !== "active") return invalid(`Matter ${matter.number} is closed.`);
    if (e.outcome_id !== null) {
      const outcome = state.outcomes.find((o) => o.id === e.outcome_id && o.matter_id === matter.id);
      if (!outcome) return invalid(`outcome_id ${String(e.outcome_id)} is not an outcome of matter ${matter.id}.`);
    }
    if (e.component_id !== null) {
      if (e.outcome_id === null) return invalid("component_id needs its outcome_id.");
      if (!state.components.some((c) => c.id === e.component_id && c.outcome_id === e.outcome_id)) return invalid(`component_id ${String(e.component_id)} is not a component of outcome ${String(e.outcome_id)}.`);
    }
    if (e.user_id !== r.userId) return alpError(403, "forbidden", "This key may only record time for its own user.");
    if (typeof e.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) return invalid("date must be YYYY-MM-DD.");
    if (typeof e.start_time !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/.test(e.start_time)) return invalid("start_time must be ISO 8601 with an offset.");
    if (e.start_time.slice(0, 10) !== e.date) return invalid("date must be start_time's local date.");
    if (!Number.isInteger(e.minutes) || (e.minutes as number) < 1) return invalid("minutes must be a whole number from 1.");
    if (e.units !== Math.ceil((e.minutes as number) / 6)) return invalid("units must be ceil(minutes / 6).");
    if (typeof e.description !== "string") return invalid("description must be a string.");
    if (e.gst_type_id !== null && !state.gstTypes.some((g) => g.id === e.gst_type_id)) return invalid(`gst_type_id ${String(e.gst_type_id)} does not exist.`);
    if (typeof e.billable !== "boolean") return invalid("billable must be true or false.");
    if (e.external_ref !== null && typeof e.external_ref !== "string") return invalid("external_ref must be a string.");
    return null;
  }

  function parseBody(r: Req): { body: Record<string, unknown> } | { error: Reply } {
    if (!String(r.headers["content-type"] ?? "").includes("application/json")) return { error: invalid("Send JSON (Content-Type: application/json).") };
    try {
      const parsed: unknown = JSON.parse(r.body);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { body: parsed as Record<string, unknown> };
    } catch {
      // falls through
    }
    return { error: invalid("The body is not a JSON object.") };
  }

  function createEntry(r: Req): Reply {
    const key = r.headers["idempotency-key"];
    if (typeof key !== "string" || !key) return invalid("Idempotency-Key is required.");
    const parsed = parseBody(r);
    if ("error" in parsed) return parsed.error;
    const body = parsed.body;
    const seen = state.idempotency.get(key);
    if (seen) {
      if (seen.body !== canonical(body)) return alpError(409, "idempotency_conflict", "This Idempotency-Key was used with another body.");
      const entry = state.entries.find((e) => e.id === seen.entryId);
      return entry ? { status: 200, body: { data: entryJson(entry) } } : alpError(404, "not_found", "The entry this key created was deleted.");
    }
    const error = validate(r, body);
    if (error) return error;
    const entry = { id: state.newEntryId(), invoiced: false, ...Object.fromEntries(ENTRY_FIELDS.map((f) => [f, body[f]])) } as FakeTimeEntry;
    state.entries.push(entry);
    state.idempotency.set(key, { body: canonical(body), entryId: entry.id });
    return { status: 201, body: { data: entryJson(entry) } };
  }

  function updateEntry(r: Req, id: string): Reply {
    const entry = state.entries.find((e) => e.id === id);
    if (!entry) return alpError(404, "not_found", "No such time entry.");
    if (entry.user_id !== r.userId) return alpError(403, "forbidden", "Not your time entry.");
    if (entry.invoiced) return alpError(409, "invoiced", "This time entry is already invoiced.");
    const parsed = parseBody(r);
    if ("error" in parsed) return parsed.error;
    const body = parsed.body;
    const merged: Record<string, unknown> = { ...entry };
    for (const f of ENTRY_FIELDS) if (f in body) merged[f] = body[f];
    const error = validate(r, merged);
    if (error) return error;
    Object.assign(entry, Object.fromEntries(ENTRY_FIELDS.map((f) => [f, merged[f]])));
    return { status: 200, body: { data: entryJson(entry) } };
  }

  function deleteEntry(r: Req, id: string): Reply {
    const entry = state.entries.find((e) => e.id === id);
    if (!entry) return alpError(404, "not_found", "No such time entry.");
    if (entry.user_id !== r.userId) return alpError(403, "forbidden", "Not your time entry.");
    if (entry.invoiced) return alpError(409, "invoiced", "This time entry is already invoiced.");
    state.entries = state.entries.filter((e) => e !== entry);
    return { status: 204 };
  }

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
    entries: () => state.entries.map((e) => ({ ...e })),
    count: (name) => state.count(name),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
