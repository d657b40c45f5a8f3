// The comparison: a bare node:http server that answers the list, the summary and the timer status with
// the SAME SQL as Stint (bench/bare-sql.ts), through the same driver the same way (postgres.js, prepared
// statements as db/index.ts sends them, a pool of 10), after the same token check (the token's SHA-256
// looked up with its user). No Next.js, no zod, no ORM, no rate limit. Responses have Stint's shapes,
// built by hand.
//
//   DATABASE_URL=postgres://… PORT=3601 node --import tsx bench/bare-server.ts
import crypto from "node:crypto";
import http from "node:http";
import postgres from "postgres";
import { encodeCursor } from "@/lib/api/cursor";
import { toLocalDays, type LocalDays } from "@/lib/reports/builder/local-days";
import { toHours } from "@/lib/time/format";
import { addDays, isValidLocalDate, todayIn } from "@/lib/time/period";
import { BARE_SQL, summarySql } from "./bare-sql";

type Row = unknown[];
type User = { id: number; workspaceId: number; name: string; timezone: string };

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
const run = (text: string, params: unknown[]) => sql.unsafe(text, params as never[], { prepare: true }).values() as unknown as Promise<Row[]>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function authenticate(req: http.IncomingMessage): Promise<User> {
  const token = req.headers.authorization?.match(/^Bearer\s+(tt_[A-Za-z0-9]{32})$/)?.[1];
  if (!token) throw new HttpError(401, "unauthorized");
  const [row] = await run(BARE_SQL.token, [crypto.createHash("sha256").update(token).digest("hex"), 1]);
  if (!row || (row[4] && (row[4] as Date) <= new Date())) throw new HttpError(401, "unauthorized");
  return { id: row[6] as number, workspaceId: row[1] as number, name: row[8] as string, timezone: row[10] as string };
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

/** The row of ENTRY_COLUMNS in Stint's time-entry shape. */
function entry(r: Row, now: Date) {
  const start = r[6] as Date;
  const end = r[7] as Date | null;
  const seconds = Math.max(0, Math.round(((end ?? now).getTime() - start.getTime()) / 1000));
  const tags = r[28] as string[];
  return {
    id: r[0],
    user_id: r[2],
    user: r[26],
    project_id: r[3],
    project: r[21],
    project_color: r[22],
    client_id: r[23],
    client: r[24],
    task_id: r[4],
    task: r[25],
    start_time: start.toISOString(),
    end_time: iso(end),
    duration_seconds: seconds,
    duration_hours: toHours(seconds),
    notes: r[5],
    tags: tags.join(","),
    tag_list: tags,
    billable: r[8],
    is_active: end === null,
    source: r[9],
    created_at: iso(r[16]),
    updated_at: iso(r[17]),
  };
}

function intParam(url: URL, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, "validation_error");
  return Math.min(n, max);
}

async function listEntries(user: User, url: URL) {
  const page = intParam(url, "page", 1);
  const perPage = intParam(url, "per_page", 50, 100);
  // Only page 1, the one measured: Stint reads later pages and cursors with other statements (lib/entries/list.ts),
  // which stint-queries.ts does not capture, so the bare server would run SQL nobody checks against Stint's.
  if (page > 1 || url.searchParams.has("cursor")) throw new HttpError(400, "validation_error");
  const now = new Date();
  // One row more than the page says whether there is a next one; the total is the kept count (not include_active).
  const [fetched, [[total]]] = await Promise.all([
    run(BARE_SQL.list, [user.workspaceId, user.id, perPage + 1]),
    run(BARE_SQL.count, [user.workspaceId, user.id, user.id, user.workspaceId, false]),
  ]);
  const rows = fetched.slice(0, perPage);
  const last = rows.at(-1);
  const count = Number(total);
  const pages = Math.ceil(count / perPage);
  return {
    time_entries: rows.map((r) => entry(r, now)),
    pagination: {
      page,
      per_page: perPage,
      total: count,
      pages,
      has_next: page < pages,
      has_prev: page > 1,
      next_page: page < pages ? page + 1 : null,
      prev_page: page > 1 ? Math.min(page - 1, Math.max(pages, 1)) : null,
    },
    // Stint's cursor: the last row's start in microseconds (column 27) and id, and the next page.
    next_cursor: fetched.length > perPage && last ? encodeCursor("entries", [last[27] as string, last[0] as number, page + 1]) : null,
  };
}

// The database's zones and each zone's offsets over a range, read once per process as Stint does per database
// handle (lib/users/database-zones.ts, lib/reports/day-parts.ts), with the same statements.
let zones: Promise<Set<string>> | undefined;
const offsets = new Map<string, Promise<LocalDays>>();
const KEPT_RANGES = 200;

/** Intl's canonical name of a zone (lib/users/database-zones.ts). */
function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** lib/users/database-zones.ts sqlTimeZone: the zone, or its canonical name, as the database knows it. */
async function sqlTimeZone(zone: string): Promise<string> {
  if (!zones) {
    zones = run(BARE_SQL.zones, []).then((rows) => new Set(rows.map((r) => (r[0] as string).toLowerCase())));
    zones.catch(() => (zones = undefined)); // a failed read is asked again, as Stint does
  }
  const known = await zones;
  if (known.has(zone.toLowerCase())) return zone;
  const canonical = canonicalZone(zone);
  if (canonical && known.has(canonical.toLowerCase())) return canonical;
  throw new HttpError(400, "bad_request");
}

/** The zone's offsets from `start` to `next` (the first date after the range) and 8 days either side. */
function zoneOffsets(zone: string, start: string, next: string): Promise<LocalDays> {
  const key = `${zone}|${start}|${next}`;
  let kept = offsets.get(key);
  if (!kept) {
    kept = run(BARE_SQL.localDays, [zone, zone, addDays(start, -8), addDays(next, 8)]).then(([r]) =>
      toLocalDays({ c0: r[0] as number, change_at: r[1] as number[], change_c: r[2] as number[], d0: r[3] as number, midnights: r[4] as number[] }),
    );
    kept.catch(() => offsets.delete(key));
    if (offsets.size >= KEPT_RANGES) offsets.delete(offsets.keys().next().value!);
    offsets.set(key, kept);
  }
  return kept;
}

async function summary(user: User, url: URL) {
  const now = new Date();
  const end = url.searchParams.get("end_date") ?? todayIn(user.timezone, now);
  const start = url.searchParams.get("start_date") ?? addDays(end, -29);
  if (!isValidLocalDate(start) || !isValidLocalDate(end) || end < start) throw new HttpError(400, "validation_error");
  const next = addDays(end, 1);
  const days = Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  const zone = await sqlTimeZone(user.timezone);
  const { text, startOffset, endOffset } = summarySql(days, await zoneOffsets(zone, start, next));
  const [n, ws, id] = [now.toISOString(), user.workspaceId, user.id];
  // The order of lib/reports/day-parts.ts's parameters (see the captured statement in bench/results), the
  // offsets' after the 12th.
  const params = [next, zone, start, zone, n, n, n, id, ws, zone, zone, start, ...startOffset, ...endOffset, zone, ws, id, start, zone, id, id, start, zone, next, zone, start, zone, start];
  const rows = await run(text, params);
  const sum = (i: number) => rows.reduce((s, r) => s + Number(r[i]), 0);
  return {
    summary: {
      start_date: start,
      end_date: end,
      total_hours: toHours(sum(2)),
      billable_hours: toHours(sum(3)),
      total_entries: sum(4),
      by_project: rows.map((r) => ({
        project_id: r[0],
        project_name: r[1] ?? "No project",
        hours: toHours(Number(r[2])),
        billable_hours: toHours(Number(r[3])),
        entries: Number(r[4]),
      })),
    },
  };
}

async function timerStatus(user: User) {
  const [row] = await run(BARE_SQL.running, [user.id, user.workspaceId, 1]);
  const now = new Date();
  return { active: row !== undefined, timer: row ? entry(row, now) : null, server_time: now.toISOString() };
}

const server = http.createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  };
  try {
    const url = new URL(req.url ?? "/", "http://bare");
    if (url.pathname === "/api/v1/health") {
      await sql.unsafe("select 1", [], { prepare: true });
      return send(200, { status: "healthy", timestamp: new Date().toISOString() });
    }
    if (req.method !== "GET") throw new HttpError(405, "method_not_allowed");
    const handler = { "/api/v1/time-entries": listEntries, "/api/v1/reports/summary": summary, "/api/v1/timer/status": timerStatus }[url.pathname];
    if (!handler) throw new HttpError(404, "not_found");
    const user = await authenticate(req);
    send(200, await handler(user, url));
  } catch (error) {
    if (error instanceof HttpError) return send(error.status, { error: error.code, message: error.code, error_code: error.code });
    console.error(error);
    send(500, { error: "internal_error", message: "internal_error", error_code: "internal_error" });
  }
});

server.listen(Number(process.env.PORT ?? 3601), "127.0.0.1", () => console.log(`bare server on ${process.env.PORT ?? 3601}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}
