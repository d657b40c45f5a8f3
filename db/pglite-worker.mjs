// The embedded database's thread. PGlite is PostgreSQL compiled to WebAssembly: every query runs
// synchronously on the thread that owns it, so on Node's main thread one slow query stalls every request.
// Here it owns a thread of its own; db/pglite-client.ts is its other end, on the server's main thread.
// Plain JavaScript, loaded at run time from the repository (never bundled by Next), by the server, the CLI
// and the tests alike.
//
// Messages in: { id, op: "query" | "exec" | "begin" | "end" | "dump" | "close", tx?, ... }.
// Messages out: { id, result } or { id, error }.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** @type {{ dataDir: string | null, loadDataDir?: Blob }} */
const { dataDir, loadDataDir } = workerData;
// pg_trgm: ranked project search (migration 0004 creates the extension).
const options = { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) };
const pg = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
// A failed start shows in every query's error; it must not end the thread as an unhandled rejection.
pg.waitReady.catch(() => {});

/** Open transactions by id: PGlite's transaction handle, and how to end it. */
const transactions = new Map();
let lastTransaction = 0;
const ROLLBACK = Symbol("rollback");

// drizzle passes parsers that keep dates and intervals as text (it maps them itself). Functions cannot
// cross threads, so the client names the types and they are rebuilt here, one object per set.
const keepAsText = new Map();
function queryOptions(message) {
  if (!message.rowMode && !message.textTypes) return undefined;
  const key = (message.textTypes ?? []).join(",");
  let parsers = keepAsText.get(key);
  if (!parsers) keepAsText.set(key, (parsers = Object.fromEntries((message.textTypes ?? []).map((t) => [t, (v) => v]))));
  return { rowMode: message.rowMode, parsers };
}

function on(message) {
  const target = message.tx ? transactions.get(message.tx)?.handle : pg;
  switch (message.op) {
    case "query":
      if (!target) throw new Error("Transaction is closed");
      return target.query(message.sql, message.params, queryOptions(message));
    case "exec":
      if (!target) throw new Error("Transaction is closed");
      return target.exec(message.sql);
    case "begin":
      return begin();
    case "end": {
      const open = transactions.get(message.tx);
      if (!open) throw new Error("Transaction is closed");
      transactions.delete(message.tx);
      if (message.commit) open.commit();
      else open.rollback();
      return open.done.then(
        () => null,
        (error) => {
          if (error !== ROLLBACK) throw error;
          return null;
        },
      );
    }
    case "dump":
      // Between two transactions, so the snapshot is consistent.
      return pg._runExclusiveTransaction(() => pg.dumpDataDir(message.compression)).then((file) => file.arrayBuffer());
    case "close":
      return pg.closed ? null : pg.close().then(() => null);
    default:
      throw new Error(`Unknown operation ${message.op}`);
  }
}

/**
 * Opens a transaction that stays open until the client ends it: PGlite holds its transaction lock all
 * along, so the queries of other requests wait their turn (they queue in PGlite, on this thread).
 */
function begin() {
  const id = ++lastTransaction;
  let commit, rollback, started;
  const ending = new Promise((resolve, reject) => {
    commit = resolve;
    rollback = () => reject(ROLLBACK);
  });
  const begun = new Promise((resolve) => (started = resolve));
  const done = pg.transaction((handle) => {
    transactions.set(id, { handle, commit, rollback, done });
    started();
    return ending;
  });
  done.catch(() => {}); // Read by "end"; a BEGIN that failed is reported below.
  return Promise.race([begun.then(() => id), done.then(() => id)]);
}

/** What of an error can cross to the main thread: its message and its plain fields (code, constraint, query...). */
function plainError(error) {
  const plain = { name: error?.name ?? "Error", message: error?.message ?? String(error) };
  if (error && typeof error === "object") {
    for (const [key, value] of Object.entries(error)) {
      if (["string", "number", "boolean"].includes(typeof value)) plain[key] = value;
    }
  }
  return plain;
}

parentPort.on("message", (message) => {
  let reply;
  try {
    reply = Promise.resolve(on(message));
  } catch (error) {
    reply = Promise.reject(error);
  }
  reply.then(
    (result) => {
      try {
        parentPort.postMessage({ id: message.id, result });
      } catch (error) {
        parentPort.postMessage({ id: message.id, error: plainError(error) });
      }
    },
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
