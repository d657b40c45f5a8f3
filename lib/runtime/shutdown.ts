import http from "node:http";

// Why Stint stops the server itself instead of leaving SIGTERM to `next start`: Next's handler
// (next/dist/server/lib/start-server.js) calls server.close() and exits with 143 once every connection
// has ended. On Node 20, server.close() drops only the connections idle at that instant: a browser's
// keep-alive connection that was busy stays open after its response, so the server lingers until
// keepAliveTimeout (65 s with `npm start`), and nothing of Stint's (the database, the lock) is closed
// before that exit. Here: stop accepting, answer what is in flight with `Connection: close` and hang up
// after each answer, then (bounded) close the database and release the lock, and exit 0.

type Tracking = {
  servers: Set<http.Server>;
  inFlight: Set<http.ServerResponse>;
  stopping: boolean;
  drained?: () => void;
};

const state = globalThis as unknown as { __stintShutdown?: Tracking };

function tracking(): Tracking {
  return (state.__stintShutdown ??= { servers: new Set(), inFlight: new Set(), stopping: false });
}

/** Follow every request of this process's HTTP server, from start-up on (instrumentation.ts). */
export function trackRequests(): void {
  if (state.__stintShutdown) return;
  const t = tracking();
  // The server was listening before instrumentation ran (requests that arrived meanwhile wait for it),
  // and Next does not hand it out: find it among the process's handles, so that a stop before the
  // first request still closes it. Servers seen serving requests are added below.
  for (const handle of (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? []) {
    if (handle instanceof http.Server) t.servers.add(handle);
  }
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      t.servers.add(this);
      const response = args[1] as http.ServerResponse;
      t.inFlight.add(response);
      if (t.stopping) closeAfter(response);
      response.once("close", () => {
        t.inFlight.delete(response);
        if (t.inFlight.size === 0) t.drained?.();
      });
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/** This response is the connection's last: the client is told, and the socket closes once it is sent. */
function closeAfter(response: http.ServerResponse): void {
  if (!response.headersSent) response.setHeader("Connection", "close");
  // Headers already sent said keep-alive: hang up once the answer is out (the connection is then idle).
  response.once("close", () => tracking().servers.forEach((server) => server.closeIdleConnections()));
}

/**
 * Stops taking requests and waits for those in flight, at most `timeoutMs`. Returns how many were still
 * running at the deadline (their connections are cut by `hangUp`, after the database is closed).
 */
export async function drainRequests(timeoutMs: number): Promise<number> {
  const t = tracking();
  t.stopping = true;
  for (const server of t.servers) {
    if (server.listening) server.close(); // No new connections; on Node 20 this also drops the idle ones.
    server.closeIdleConnections();
  }
  for (const response of t.inFlight) closeAfter(response);
  if (t.inFlight.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      t.drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  return t.inFlight.size;
}

/** Cuts whatever connection is left (requests that outlived the drain). */
export function hangUp(): void {
  for (const server of tracking().servers) server.closeAllConnections();
}

export function inFlightRequests(): number {
  return tracking().inFlight.size;
}
