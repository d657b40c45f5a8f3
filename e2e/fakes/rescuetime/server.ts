import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { dayOf, FakeRescueTimeState, type FakeRow } from "./state";

// A fake RescueTime Analytic Data API (/work/shared/integrations/rescuetime.md) on node:http: GET
// /anapi/data with the key in the query; the JSON envelope {notes, row_headers, rows}; rank and interval
// perspectives; minute resolution = 5-minute buckets; activity, overview, category and document kinds
// (document columns are not published: Date, Time Spent, Number of People, Document, Activity, Category,
// Productivity here); whole days only; an empty range is 200 with rows []. Errors are HTTP 200 with an
// `error` body (unknown key, bad query); a revoked key is 401. `failNext` injects 500s.

export type FakeRescueTime = {
  url: string;
  state: FakeRescueTimeState;
  /** The next `n` requests to /anapi/data answer `status` (default 500) with an HTML body. */
  failNext(n: number, status?: number): void;
  /** Requests seen, each as its query parameters (the key masked). */
  requests: URLSearchParams[];
  close(): Promise<void>;
};

type Reply = { status: number; body: unknown };

const NOTES = "data is an array of arrays (rows), column names for rows in row_headers";
const keyNotFound: Reply = { status: 200, body: { error: "# key not found", messages: "key not found" } };
const queryError: Reply = { status: 200, body: { error: "# query error", messages: "Error: Likely a badly formatted or missing parameter" } };

/** The first of a parameter's names that is present (RescueTime accepts short forms and aliases). */
const param = (q: URLSearchParams, ...names: string[]) => names.map((n) => q.get(n)).find((v) => v !== null) ?? null;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINUTES: Record<string, number> = { minute: 5, hour: 60, day: 1440 };

function bucketOf(date: string, resolution: string): string {
  if (resolution === "day") return `${date.slice(0, 10)}T00:00:00`;
  const minutes = Number(date.slice(11, 13)) * 60 + Number(date.slice(14, 16));
  const start = Math.floor(minutes / MINUTES[resolution]) * MINUTES[resolution];
  return `${date.slice(0, 10)}T${String(Math.floor(start / 60)).padStart(2, "0")}:${String(start % 60).padStart(2, "0")}:00`;
}

/** Sums rows by the columns `keyOf` picks, keeping first-seen order. */
function sumBy(rows: FakeRow[], keyOf: (r: FakeRow) => unknown[]): { key: unknown[]; seconds: number }[] {
  const out = new Map<string, { key: unknown[]; seconds: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(key);
    const known = out.get(id);
    if (known) known.seconds += r.seconds;
    else out.set(id, { key, seconds: r.seconds });
  }
  return [...out.values()];
}

export function answer(state: FakeRescueTimeState, q: URLSearchParams): Reply {
  const key = param(q, "key", "access_token");
  if (key && state.isRevoked(key)) return { status: 401, body: { error: "# key revoked", messages: "key not found" } };
  const rows = key ? state.rowsOf(key) : undefined;
  if (!rows) return keyNotFound;
  const format = q.get("format");
  const perspective = param(q, "perspective", "pv", "by") ?? "rank";
  const resolution = param(q, "resolution_time", "rs", "interval", "i") ?? "hour";
  const kind = param(q, "restrict_kind", "rk", "taxonomy", "ty") ?? "overview";
  const begin = param(q, "restrict_begin", "rb");
  const end = param(q, "restrict_end", "re");
  if (format !== "json" || !["rank", "interval"].includes(perspective) || !(resolution in MINUTES) || !["overview", "category", "activity", "productivity", "document"].includes(kind)) return queryError;
  if ((begin && !DATE.test(begin)) || (end && !DATE.test(end))) return queryError;
  const inRange = rows.filter((r) => (!begin || dayOf(r) >= begin) && (!end || dayOf(r) <= end) && (kind !== "document" || r.document));
  const columns: Record<string, { headers: string[]; of(r: FakeRow): unknown[] }> = {
    activity: { headers: ["Activity", "Category", "Productivity"], of: (r) => [r.activity, r.category, r.productivity] },
    overview: { headers: ["Category"], of: (r) => [r.category] },
    category: { headers: ["Category"], of: (r) => [r.category] },
    productivity: { headers: ["Productivity"], of: (r) => [r.productivity] },
    document: { headers: ["Document", "Activity", "Category", "Productivity"], of: (r) => [r.document, r.activity, r.category, r.productivity] },
  };
  const { headers, of } = columns[kind];
  if (perspective === "rank") {
    const ranked = sumBy(inRange, of).sort((a, b) => b.seconds - a.seconds);
    return { status: 200, body: { notes: NOTES, row_headers: ["Rank", "Time Spent (seconds)", "Number of People", ...headers], rows: ranked.map((x, i) => [i + 1, x.seconds, 1, ...x.key]) } };
  }
  const sorted = [...inRange].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const bucketed = sumBy(sorted, (r) => [bucketOf(r.date, resolution), ...of(r)]);
  return { status: 200, body: { notes: NOTES, row_headers: ["Date", "Time Spent (seconds)", "Number of People", ...headers], rows: bucketed.map((x) => [x.key[0], x.seconds, 1, ...x.key.slice(1)]) } };
}

export async function startFakeRescueTime(opts: { port?: number; state?: FakeRescueTimeState } = {}): Promise<FakeRescueTime> {
  const state = opts.state ?? new FakeRescueTimeState();
  const sockets = new Set<Socket>();
  const requests: URLSearchParams[] = [];
  const faults: number[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.rescuetime");
    let reply: Reply;
    if (req.method !== "GET" || url.pathname !== "/anapi/data") reply = { status: 404, body: { error: "# not found", messages: "not found" } };
    else {
      const seen = new URLSearchParams(url.searchParams);
      if (seen.has("key")) seen.set("key", "***");
      requests.push(seen);
      const fault = faults.shift();
      if (fault) {
        res.writeHead(fault, { "content-type": "text/html" }).end("<html><body>Something went wrong</body></html>");
        return;
      }
      reply = answer(state, url.searchParams);
    }
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(reply.body));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    failNext(n, status = 500) {
      for (let i = 0; i < n; i++) faults.push(status);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
