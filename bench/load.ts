// Load generation with autocannon, in this process (so it takes one of the machine's cores).
import autocannon from "autocannon";

export type Measurement = {
  name: string;
  server: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  /** Latency of 2xx answers in ms, from every response's own time (autocannon's histogram rounds to 1 ms). */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** CPU ms per request of the server process and of its PostgreSQL backends (null: not measurable here). */
  serverCpu?: number | null;
  postgresCpu?: number | null;
};

export type Target = {
  name: string;
  method?: "GET" | "POST";
  path: string;
  token: string;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function measure(server: string, name: string, opts: autocannon.Options): Promise<Measurement> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("response", (_client, status, _bytes, ms) => {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    name,
    server,
    connections: result.connections,
    seconds: result.duration,
    requests,
    rps: requests / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  };
}

/** One GET (or POST) with one token, at `connections` connections for `duration` seconds. */
export function load(server: string, baseUrl: string, target: Target, connections: number, duration: number): Promise<Measurement> {
  return measure(server, target.name, {
    url: baseUrl + target.path,
    method: target.method ?? "GET",
    connections,
    duration,
    headers: { authorization: `Bearer ${target.token}` },
  });
}

export type TimerUser = { token: string; projectId: number };

/**
 * POST /timer/start then POST /timer/stop on every connection, in a loop. Each start takes a user from
 * the pool and its stop gives the user back when the stop has answered, so no two connections ever act
 * for one user and no start meets a running timer (which would be a 409). Needs a pool at least as
 * large as the number of connections.
 */
export function loadTimerPairs(server: string, baseUrl: string, pool: TimerUser[], connections: number, duration: number): Promise<Measurement> {
  if (pool.length < connections) throw new Error(`The start/stop run needs ${connections} users, has ${pool.length}`);
  const free = [...pool];
  type Ctx = { user?: TimerUser };
  const headers = (user: TimerUser) => ({ authorization: `Bearer ${user.token}`, "content-type": "application/json" });
  return measure(server, "POST /timer/start + /timer/stop", {
    url: baseUrl,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/v1/timer/start",
        setupRequest: (req, context) => {
          const ctx = context as Ctx;
          ctx.user = free.shift()!;
          return { ...req, headers: headers(ctx.user), body: JSON.stringify({ notes: "Benchmark session", project_id: ctx.user.projectId }) };
        },
      },
      {
        method: "POST",
        path: "/api/v1/timer/stop",
        setupRequest: (req, context) => ({ ...req, headers: headers((context as Ctx).user!), body: "{}" }),
        onResponse: (_status, _body, context) => {
          const ctx = context as Ctx;
          if (ctx.user) free.push(ctx.user);
          ctx.user = undefined;
        },
      },
    ],
  });
}
