import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Db, DbHandle } from "@/db";
import { schema } from "@/db";
import { queryRows } from "@/db/rows";

export type SentStatement = { sql: string; params: unknown[] };

/**
 * The same database through a second drizzle instance that records every statement it sends: for tests
 * that hold a service to a fixed number of statements (no query per row), or EXPLAIN what it sends.
 */
export function recordingStatements(handle: DbHandle): { db: Db; sent: SentStatement[] } {
  const sent: SentStatement[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => void sent.push({ sql: query, params }) };
  const client = (handle.db as unknown as { $client: never }).$client;
  const db = (handle.kind === "pglite" ? drizzlePglite(client, { schema, logger }) : drizzlePostgres(client, { schema, logger })) as unknown as Db;
  return { db, sent };
}

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Filter?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Heap Fetches"?: number;
  Output?: string[];
  Plans?: PlanNode[];
};

/** A plan's nodes, the root first. */
export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

/**
 * The plan PostgreSQL makes for a statement as it was sent, its parameters written in (EXPLAIN of a
 * parameterised statement needs them). `options`: EXPLAIN's, e.g. "analyze, verbose" (JSON is added).
 */
export async function explainSent(db: Db, s: SentStatement, options = ""): Promise<PlanNode> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql.raw(`explain (${options ? `${options}, ` : ""}format json) ${inlineParams(s)}`));
  const json = Object.values(row)[0];
  return (typeof json === "string" ? JSON.parse(json) : json)[0].Plan as PlanNode;
}

function inlineParams({ sql: text, params }: SentStatement): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const v = params[Number(i) - 1];
    if (v === null || v === undefined) return "null";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}
