// The embedded database's thread. PGlite is PostgreSQL compiled to WebAssembly: every query runs
// synchronously on the thread that owns it, so on Node's main thread one slow query stalls every request.
// Here it owns a thread of its own; db/pglite-client.ts is its other end, on the server's main thread.
// Plain JavaScript: the CLI and the tests load it from the repository; `next build` compiles it (and the
// statements module it imports) into the server's chunks, so the server runs the copy of its last build.
//
// Messages in: { id, op: "query" | "exec" | "arrayTypes" | "begin" | "end" | "dump" | "saveTemplate" | "close", tx?, ... }.
// Messages out: { id, result } or { id, error }; a query's result is PostgreSQL's reply as bytes.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { statementRunner } from "./pglite-statements.mjs";

/** @type {{ dataDir: string | null, loadDataDir?: Blob, templateDir?: string | null }} */
const { dataDir, loadDataDir, templateDir } = workerData;
// A new folder (no PG_VERSION yet) starts as a copy of the template (db/pglite-template.ts) when there is one.
const isNew = Boolean(dataDir) && !loadDataDir && !fs.existsSync(path.join(dataDir, "PG_VERSION"));
const fromTemplate = isNew && Boolean(templateDir) && fs.existsSync(path.join(templateDir, "PG_VERSION")) && copyCluster(templateDir, dataDir);
/** Set while this database is one initdb just made: it may become the template once migrated ("saveTemplate"). */
let mayBecomeTemplate = isNew && Boolean(templateDir) && !fromTemplate;
// PostgreSQL's shared buffers live in PGlite's WebAssembly memory, which only grows: 128 MB by default
// (initdb's value), filled as queries read the database and kept for the process's life. 32 MB keeps the
// indexes and the recent rows a request reads; the rest is read through the operating system's file cache.
// Measured with the 100,000-entry history: after reading all of it, 85 MB less resident memory, and no more
// CPU per request in bench/pglite-concurrency.ts (README, "What the embedded database needs").
const SHARED_BUFFERS = "32MB";
// pg_trgm: ranked project search (migration 0004 creates the extension).
const options = {
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  ...(loadDataDir ? { loadDataDir } : {}),
};
const pg = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
// A failed start shows in every query's error; it must not end the thread as an unhandled rejection.
pg.waitReady.catch(() => {});

/**
 * Copies a cluster's files, PG_VERSION last: a copy cut short leaves a folder that is still "new" and is
 * copied over again. postmaster.pid belongs to the process that had the source open. False if it failed.
 */
function copyCluster(from, to) {
  try {
    fs.cpSync(from, to, { recursive: true, force: true, filter: (src) => !["PG_VERSION", "postmaster.pid"].includes(path.relative(from, src)) });
    fs.copyFileSync(path.join(from, "PG_VERSION"), path.join(to, "PG_VERSION"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps this new, just migrated database as the template of the next ones. Only before anyone wrote to it
 * (the server calls it before it serves a request). The files are copied while no transaction runs, as
 * PGlite's dumpDataDir reads them; they appear whole or not at all (processes may race).
 */
async function saveTemplate() {
  if (!mayBecomeTemplate) return false;
  mayBecomeTemplate = false;
  // Written pages in the files, so that a copy has little WAL to replay when it opens.
  await pg.query("checkpoint");
  const partial = `${templateDir}.${process.pid}.${Date.now()}.partial`;
  try {
    fs.mkdirSync(path.dirname(templateDir), { recursive: true });
    const copied = await pg._runExclusiveTransaction(async () => copyCluster(dataDir, partial));
    if (!copied) return false;
    fs.renameSync(partial, templateDir);
  } catch {
    return false; // Another process saved it first, or the cache is not writable: starts are only slower.
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  // Older templates (another PGlite, older migrations) are of no use any more.
  const cache = path.dirname(templateDir);
  for (const name of fs.readdirSync(cache)) {
    if (name.startsWith("pglite-") && name !== path.basename(templateDir) && !name.endsWith(".partial")) fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
  return true;
}

/** Open transactions by id: PGlite's transaction handle, and how to end it. */
const transactions = new Map();
let lastTransaction = 0;
const ROLLBACK = Symbol("rollback");

// Statements run prepared, their replies left as PostgreSQL's bytes for the main thread (db/pglite-statements.mjs).
const statements = statementRunner(pg);

/** One statement: in its transaction, or between two (waiting for an open one to end, as PGlite's query() does). */
async function query(message) {
  if (message.tx) {
    if (!transactions.has(message.tx)) throw new Error("Transaction is closed");
    return pg._runExclusiveQuery(() => statements.run(message.sql, message.params, true));
  }
  await pg._checkReady();
  return pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => statements.run(message.sql, message.params, false)));
}

// The array types PostgreSQL knows, [element, array], read as PGlite and postgres.js read them when they
// connect: the main thread parses arrays with them (db/pglite-replies.ts). Read before any transaction
// begins (begin() waits for it), so never inside one.
const arrayTypes = pg.waitReady
  .then(() =>
    pg.query(
      "select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid",
      [],
      { rowMode: "array" },
    ),
  )
  .then(({ rows }) => rows);
arrayTypes.catch(() => {}); // a failed start shows in every query's error

function on(message) {
  const target = message.tx ? transactions.get(message.tx)?.handle : pg;
  switch (message.op) {
    case "query":
      return query(message);
    case "arrayTypes":
      return arrayTypes;
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
    case "saveTemplate":
      return saveTemplate();
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
async function begin() {
  await arrayTypes.catch(() => {});
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
        // A statement's reply is its own buffer: moved to the main thread, not copied.
        parentPort.postMessage({ id: message.id, result }, result instanceof Uint8Array ? [result.buffer] : []);
      } catch (error) {
        parentPort.postMessage({ id: message.id, error: plainError(error) });
      }
    },
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
