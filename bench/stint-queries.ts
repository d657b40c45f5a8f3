// What SQL does Stint send for each measured endpoint? Runs Stint's own lib/ functions on a drizzle
// instance with a logger and records every statement with its parameters. Used to check that the bare
// server still runs the same SQL, and to EXPLAIN ANALYZE exactly what Stint runs.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { listEntries } from "@/lib/entries/service";
import { summaryReport } from "@/lib/reports/summary";
import { getRunningEntryDetails } from "@/lib/timer/service";
import { authenticateToken } from "@/lib/tokens/authenticate";
import { memberActor } from "@/lib/workspaces/actor";
import { BARE_SQL, normalizeSql } from "./bare-sql";
import type { Fixtures } from "./seed";

export type Statement = { endpoint: string; sql: string; params: unknown[] };

export async function captureStintQueries(url: string, fixtures: Fixtures): Promise<Statement[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const statements: Statement[] = [];
  let endpoint = "";
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => void statements.push({ endpoint, sql, params }) } }) as unknown as Db;
  try {
    endpoint = "auth (every request)";
    const identity = await authenticateToken(db, fixtures.mainUser.token);
    const actor = memberActor(identity.user, identity, { via: "token", scopes: identity.scopes });
    endpoint = "GET /time-entries";
    await listEntries(db, actor, { page: 1, per_page: 50 } as Parameters<typeof listEntries>[2]);
    endpoint = "GET /reports/summary";
    await summaryReport(db, actor, { start_date: fixtures.summaryMonth.start, end_date: fixtures.summaryMonth.end });
    endpoint = "GET /timer/status";
    await getRunningEntryDetails(db, actor);
  } finally {
    await client.end({ timeout: 5 });
  }
  // last_used_at is written once a minute per token, not per request: leave it out.
  return statements.filter((s) => !s.sql.startsWith("update"));
}

/** Names of bare-server statements that Stint no longer sends verbatim (the comparison would be unfair). */
export function bareSqlDrift(statements: Statement[]): string[] {
  const sent = new Set(statements.map((s) => normalizeSql(s.sql)));
  return Object.entries(BARE_SQL)
    .filter(([, text]) => !sent.has(normalizeSql(text)))
    .map(([name]) => name);
}

export type Explained = Statement & { ms: number; plan: string };

/** EXPLAIN (ANALYZE, BUFFERS) of each statement, run twice so the second, warm run is reported. */
export async function explainAll(url: string, statements: Statement[]): Promise<Explained[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const out: Explained[] = [];
    for (const s of statements) {
      const text = `explain (analyze, buffers) ${s.sql}`;
      await client.unsafe(text, s.params as never[]);
      const rows = await client.unsafe(text, s.params as never[]);
      const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
      const ms = Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? NaN);
      out.push({ ...s, ms, plan });
    }
    return out;
  } finally {
    await client.end({ timeout: 5 });
  }
}
