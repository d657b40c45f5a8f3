import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { budget } from "./budget";

export type StintServer = {
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
};

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** Environment for a Stint process on `dataDir`, on PGlite or (with databaseUrl) on PostgreSQL. */
export function stintEnv(dataDir: string, databaseUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STINT_DATA_DIR: dataDir, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

export type ServerOptions = {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** More environment for this server only, e.g. STINT_RATE_LIMIT_PER_MINUTE. */
  env?: Record<string, string>;
};

/** Spawns `next start` on the production build; resolves once it has started (healthy) or exited. */
export function spawnServer(opts: ServerOptions): StintServer {
  // Node closes an idle keep-alive socket after 5 s by default; a client that reuses the socket in
  // that instant gets ECONNRESET (seen once in CI). Same longer timeout as `npm start`.
  const args = [NEXT_BIN, "start", "-p", String(opts.port), "-H", "127.0.0.1", "--keepAliveTimeout", "65000"];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...stintEnv(opts.dataDir, opts.databaseUrl), ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url: `http://localhost:${opts.port}`,
    output: () => output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function waitUntilHealthy(server: StintServer, timeoutMs = budget.serverStart): Promise<void> {
  let gone = false;
  void server.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server exited before it was ready:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

export async function startServer(opts: ServerOptions): Promise<StintServer> {
  const server = spawnServer(opts);
  await waitUntilHealthy(server);
  return server;
}
