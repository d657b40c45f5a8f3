// Settings of the benchmark, from the environment and the command line. (bench/ is not part of the app:
// the rule that only lib/env.ts reads process.env is about app/, lib/, components/ and db/.)

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${raw}`);
  return n;
}

const argv = new Set(process.argv.slice(2));

export const config = {
  /** A PostgreSQL server whose role may CREATE DATABASE; the benchmark creates its own database there. */
  serverUrl: process.env.BENCH_DATABASE_URL || "postgres://stint:stint@127.0.0.1:5432/postgres",
  dbName: process.env.BENCH_DB_NAME || "stint_bench",
  users: int("BENCH_USERS", 1000),
  entriesPerUser: int("BENCH_ENTRIES_PER_USER", 1000),
  /** Port of `next start`; the bare server uses the next one. */
  port: int("BENCH_PORT", 3600),
  connections: int("BENCH_CONNECTIONS", 50),
  /** Seconds per measurement. */
  duration: int("BENCH_DURATION", 12),
  /** Rounds of every measurement; the report takes each one's median (by requests/s). */
  rounds: Math.max(int("BENCH_ROUNDS", 1), 1),
  /**
   * Users for the timer start/stop runs: one per connection, twice over, so the measured run never meets
   * a start of the warm-up that the server was still answering when the warm-up ended.
   */
  timerUsers: 2 * Math.max(int("BENCH_CONNECTIONS", 50), 1),
  /** Keep the database afterwards (default: drop it). */
  keepDb: argv.has("--keep-db") || argv.has("--seed-only"),
  /** Only create and seed the database (kept). */
  seedOnly: argv.has("--seed-only"),
  /** Use an existing, already seeded database instead of creating one (implies --keep-db). */
  reuseDb: argv.has("--reuse-db"),
  /** Skip the extra run with the rate-limit bookkeeping on. */
  skipRateLimitRun: argv.has("--skip-rate-limit-run"),
  /** History mode: only the Overview (its requests at 1 connection and its time to data in Chromium). */
  overviewOnly: argv.has("--overview-only"),
  /** Skip writing bench/results/<date>.md. */
  noWrite: argv.has("--no-write"),
};

export function databaseUrl(name = config.dbName): string {
  const url = new URL(config.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
