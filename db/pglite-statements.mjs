// The embedded database's statements, run as the PostgreSQL path runs them (db/index.ts, preparingStatements):
// each text is parsed once as a named prepared statement, then runs with its parameters in one call into
// PostgreSQL (bind, describe, execute, sync), and the planner may keep a generic plan after a few runs.
// The reply goes back as PostgreSQL's own bytes: db/pglite-replies.ts turns them into rows on the server's
// main thread. The database's thread is the one 10 connections queue on (README, "What the embedded
// database needs"), and PGlite's query() spent about half of it on JavaScript: a round trip into
// PostgreSQL per protocol message, parsing the reply field by field, cloning the rows to the other thread.
// Plain JavaScript, part of db/pglite-worker.mjs.
import { protocol } from "@electric-sql/pglite";

const { serialize } = protocol;

// Prepared statements kept per text, least recently used first out. Stint's statements come in a small, fixed
// set of shapes; the bound keeps memory flat if some caller builds texts with values in them.
const MAX_STATEMENTS = 500;
// PostgreSQL's errors for a kept statement that is no longer valid (a table it reads changed its columns), as
// postgres.js recognises them: the statement is parsed again, and run again when outside a transaction.
const STALE_ROUTINES = new Set(["RevalidateCachedQuery", "FetchPreparedStatement", "transformAssignedExpr"]);
// The statements worth keeping: what a request reads and writes (drizzle's and Stint's own SQL begins so).
const KEPT = /^\s*(select|insert|update|delete|with|values)\b/i;

/** @param {import("@electric-sql/pglite").PGlite} pg */
export function statementRunner(pg) {
  /** @type {Map<string, { name: string, types: number[] }>} */
  const statements = new Map();
  /** Names of evicted statements, closed with the next call. */
  const toClose = [];
  let lastName = 0;

  // The reply's bytes as PostgreSQL writes them, copied and nothing more: execProtocolRaw also parses every
  // message of the reply into objects on this thread (for PGlite's own query()), which for a month of 1,610
  // rows cost four times the query itself (19.4 ms against 3.7 in bench/pglite-replies.ts).
  const call = async (parts, inTransaction) => {
    const chunks = [];
    const message = concat([...toClose.splice(0).map((name) => serialize.close({ type: "S", name })), ...parts]);
    await pg.execProtocolRawStream(message, { syncToFs: !inTransaction, onRawData: (chunk) => chunks.push(chunk.slice()) });
    return chunks.length === 1 ? chunks[0] : concat(chunks);
  };

  async function prepare(sql, inTransaction) {
    // Only queries and changes are kept: a migration's DDL, SET or ANALYZE runs once, as the unnamed statement.
    const keep = KEPT.test(sql);
    const name = keep ? `stint_${++lastName}` : "";
    const reply = await call([serialize.parse({ name, text: sql }), serialize.describe({ type: "S", name }), serialize.sync()], inTransaction);
    const { types, error } = scan(reply);
    if (error) return { reply };
    const statement = { name, types };
    if (!keep) return { statement };
    statements.set(sql, statement);
    if (statements.size > MAX_STATEMENTS) {
      const [oldest, { name: evicted }] = statements.entries().next().value;
      statements.delete(oldest);
      toClose.push(evicted);
    }
    return { statement };
  }

  /**
   * Runs one statement with its parameters; resolves to PostgreSQL's reply (an ErrorResponse among them when it
   * failed). Call it while holding PGlite's query lock.
   */
  async function run(sql, params = [], inTransaction = false, retried = false) {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
      statements.set(sql, statement);
    } else {
      const prepared = await prepare(sql, inTransaction);
      if (!prepared.statement) return prepared.reply;
      statement = prepared.statement;
    }
    // As PGlite's query() serialises parameters: by the types PostgreSQL inferred for them.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    const reply = await call([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()], inTransaction);
    const { error } = scan(reply);
    if (error && statement.name && STALE_ROUTINES.has(error.routine)) {
      statements.delete(sql);
      toClose.push(statement.name);
      if (!inTransaction && !retried) return run(sql, params, inTransaction, true);
    }
    return reply;
  }

  return { run };
}

/** The parameter types and the first error in a reply, read from the messages' headers and those two bodies. */
function scan(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let types = [];
  let error;
  for (let at = 0; at + 5 <= bytes.length; ) {
    const kind = bytes[at];
    const end = at + 1 + view.getInt32(at + 1);
    if (kind === 0x74 /* t: ParameterDescription */) {
      const count = view.getInt16(at + 5);
      types = Array.from({ length: count }, (_, i) => view.getInt32(at + 7 + i * 4));
    } else if (kind === 0x45 /* E: ErrorResponse */ && !error) {
      error = {};
      for (let p = at + 5; p < end && bytes[p] !== 0; ) {
        const field = String.fromCharCode(bytes[p]);
        const stop = bytes.indexOf(0, p + 1);
        if (field === "R") error.routine = new TextDecoder().decode(bytes.subarray(p + 1, stop));
        p = stop + 1;
      }
    }
    at = end;
  }
  return { types, error };
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
