// What a month of sessions (the Overview's period, 1,610 sessions for the history user) costs the embedded
// database's thread and the server's, by how the statement's reply is made and read:
//   - the rows as one json_agg value, or as plain rows (lib/reports/period-sessions.ts sends plain rows);
//   - PGlite's execProtocolRaw, which parses every message of the reply into objects on the database's thread,
//     or execProtocolRawStream with the bytes only copied (db/pglite-statements.mjs);
//   - reading the reply on the server's thread (db/pglite-replies.ts), and JSON.parse of the json_agg value.
// In process, one PGlite, no server. Usage: node --import tsx bench/pglite-replies.ts
// Options (environment): BENCH_ENTRIES (default 100000), BENCH_SEED_DIR (as bench/pglite-concurrency.ts: reuse a seeded folder).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite, protocol } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { parsersFor, readReply } from "@/db/pglite-replies";
import { earliestOverlappingStart } from "@/lib/entries/queries";
import { HISTORY_EMAIL } from "./history-seed";
import { seededPgliteFolder } from "./pglite-seed";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const RUNS = 60;
const { serialize } = protocol;

// November 2026 in Europe/Berlin (the history user's zone), as the period report bounds it.
const from = sql`'2026-10-31 23:00:00+00'::timestamptz`;
const to = sql`'2026-11-30 23:00:00+00'::timestamptz`;
const epoch = (c: string) => sql.raw(`date_part('epoch', ${c})`);

function statements(userId: number, workspaceId: number): Record<string, SQL> {
  const range = sql`t.workspace_id = ${workspaceId} and t.user_id = ${userId}
    and t.start_at >= ${earliestOverlappingStart(userId, from)} and t.start_at < ${to}
    and coalesce(t.end_at, now()) > ${from}`;
  const columns = sql`t.id, t.project_id, t.task_id, t.description, t.billable, t.source, ${epoch("t.start_at")} as s, ${epoch("t.end_at")} as e, ${epoch("t.created_at")} as c, ${epoch("t.updated_at")} as u, t.tag_ids`;
  return {
    "plain rows": sql`select ${columns} from time_entries t where ${range} order by t.start_at desc, t.id desc limit 5001`,
    "one json_agg value": sql`select json_agg(json_build_array(k.id, k.project_id, k.task_id, k.description, k.billable, k.source, k.s, k.e, k.c, k.u, k.tag_ids) order by k.s desc, k.id desc)::text as rows
      from (select ${columns} from time_entries t where ${range} order by t.start_at desc, t.id desc limit 5001) k`,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

async function main() {
  const { dataDir } = await seededPgliteFolder(ENTRIES, process.env.BENCH_SEED_DIR);
  const pg = new PGlite(path.join(dataDir, "pgdata"), { extensions: { pg_trgm } });
  try {
    const [user] = (await pg.query<{ id: number; workspace_id: number }>("select u.id, m.workspace_id from users u join workspace_members m on m.user_id = u.id where u.email = $1", [HISTORY_EMAIL])).rows;
    const arrays = (await pg.query<[number, number]>("select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid", [], { rowMode: "array" })).rows;
    const parsers = parsersFor(arrays);
    const dialect = new PgDialect();
    console.log(`${ENTRIES} entries; ${RUNS} runs after 10, p50 ms; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (${os.cpus().length} cores)`);
    console.log("statement            database's thread: execProtocolRaw  bytes only   server's thread: read   rows   reply KB");
    for (const [name, statement] of Object.entries(statements(user.id, user.workspace_id))) {
      const q = dialect.sqlToQuery(statement);
      // Prepared once, then bind-execute, as db/pglite-statements.mjs runs a kept statement.
      const prepared = `bench_${name.replace(/\W/g, "_")}`;
      await pg.execProtocolRaw(Buffer.concat([serialize.parse({ name: prepared, text: q.sql }), serialize.sync()]));
      const message = Buffer.concat([serialize.bind({ statement: prepared, values: q.params.map(String) }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]);
      const parsing = () => pg.execProtocolRaw(message, { syncToFs: false });
      const bytesOnly = async () => {
        const chunks: Uint8Array[] = [];
        await pg.execProtocolRawStream(message, { syncToFs: false, onRawData: (chunk) => chunks.push(chunk.slice()) });
        return Buffer.concat(chunks);
      };
      const time = async (run: () => Promise<unknown>) => {
        for (let i = 0; i < 10; i++) await run();
        const runs: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          await run();
          runs.push(performance.now() - started);
        }
        return median(runs);
      };
      const withParsing = await time(parsing);
      const withBytesOnly = await time(bytesOnly);
      const reply = await bytesOnly();
      const read = () => {
        const { rows } = readReply<Record<string, unknown>>(reply, parsers, q.sql);
        return rows.length === 1 && typeof rows[0].rows === "string" ? (JSON.parse(rows[0].rows) as unknown[]).length : rows.length;
      };
      const count = read();
      const reading = await time(async () => read());
      console.log(`${name.padEnd(21)}${withParsing.toFixed(2).padStart(34)}${withBytesOnly.toFixed(2).padStart(12)}${reading.toFixed(2).padStart(24)}${String(count).padStart(7)}${(reply.length / 1024).toFixed(0).padStart(11)}`);
    }
  } finally {
    await pg.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
