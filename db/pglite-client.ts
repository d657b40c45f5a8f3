import path from "node:path";
import { Worker } from "node:worker_threads";
import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";
import { parsersFor, readReply, type Parsers } from "./pglite-replies";

/**
 * The embedded database, run on a thread of its own (db/pglite-worker.mjs): the parts of PGlite's
 * interface that drizzle-orm/pglite, the migrator and the backup command use. The server's main thread only
 * sends statements and reads their replies (PostgreSQL's bytes, turned into rows here: db/pglite-replies.ts),
 * so a slow query no longer stalls every other request, and the database's thread, which every request
 * queues on, does only the database's work.
 *
 * A transaction holds the database until it commits or rolls back (the thread keeps PGlite's transaction
 * open between our messages): other requests' queries wait for it, as they did in-process. An error thrown
 * inside rolls it back.
 */
export type EmbeddedClient = Pick<PGlite, "query" | "exec" | "transaction"> & {
  /** A consistent snapshot of the data folder, taken between two transactions. */
  dumpDataDir(compression?: "auto" | "gzip" | "none"): Promise<Blob>;
  /**
   * Keeps a database that initdb just made (no template existed) as the template of the next new ones
   * (db/pglite-template.ts). Call once it is migrated and before anything else writes to it. True if saved.
   */
  saveTemplate(): Promise<boolean>;
  close(): Promise<void>;
};

type Message = { op: string; tx?: number; [key: string]: unknown };
type Reply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } };

// How long close() waits for PGlite to finish what it is doing and checkpoint.
const CLOSE_WAIT_MS = 5_000;

// Next bundles server code, so the thread's script is found from the project folder (as the migrations are).
const WORKER_SCRIPT = () => path.join(process.cwd(), "db", "pglite-worker.mjs");

/**
 * dataDir null: an in-memory database (tests). loadDataDir: a backup to fill a new, empty folder with.
 * templateDir: where a new folder's template is kept (db/pglite-template.ts).
 */
export function openEmbeddedClient(dataDir: string | null, options: { loadDataDir?: Blob; templateDir?: string | null } = {}): EmbeddedClient {
  const worker = new Worker(WORKER_SCRIPT(), {
    workerData: { dataDir, loadDataDir: options.loadDataDir, templateDir: options.templateDir },
    // Not the flags of the process that started it (`next start`'s, a test runner's loaders): the thread
    // runs plain JavaScript from node_modules and needs none of them.
    execArgv: [],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let lastId = 0;
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;

  // The thread keeps the process alive only while a request is in flight (a CLI command ends when its work does).
  worker.unref();
  const settle = (id: number) => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return entry;
  };
  worker.on("message", (reply: Reply) => {
    const entry = settle(reply.id);
    if (!entry) return;
    if (reply.error) entry.reject(databaseError(reply.error));
    else entry.resolve(reply.result);
  });
  const fail = (error: Error) => {
    failure ??= error;
    for (const id of [...pending.keys()]) settle(id)?.reject(failure);
  };
  // Worded as PGlite words its own closing, which lib/runtime/database-unavailable.ts recognises (a 503).
  worker.on("error", (error) => fail(new Error(`PGlite's thread terminated: ${error.message}`, { cause: error })));
  worker.on("exit", (code) => fail(new Error(`PGlite is closed: its thread ended (exit code ${code})`)));

  function call<T>(message: Message): Promise<T> {
    if (failure) return Promise.reject(failure);
    const id = ++lastId;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  }

  // The parsers of the database's types, its arrays among them: read once, when the first statement runs.
  let parsers: Promise<Parsers> | undefined;
  const runner = (tx?: number) => ({
    query: async <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
      checkOptions(options);
      if (!parsers) {
        parsers = call<[number, number][]>({ op: "arrayTypes" }).then(parsersFor);
        parsers.catch(() => (parsers = undefined)); // the database failed to start: asked again next time
      }
      // Sent now, in the caller's order (close() after a statement waits for it); decoded once both are here.
      const [defaults, reply] = await Promise.all([parsers, call<Uint8Array>({ op: "query", tx, sql, params })]);
      return readReply<T>(reply, defaults, sql, options);
    },
    exec: (sql: string) => call<Results[]>({ op: "exec", tx, sql }),
  });

  return {
    ...runner(),
    async transaction<T>(callback: (tx: never) => Promise<T>): Promise<T> {
      const tx = await call<number>({ op: "begin" });
      let ended = false;
      const end = (commit: boolean) => {
        ended = true;
        return call<null>({ op: "end", tx, commit });
      };
      const handle = {
        ...runner(tx),
        rollback: () => end(false),
        get closed() {
          return ended;
        },
      };
      try {
        const result = await callback(handle as never);
        if (!ended) await end(true);
        return result;
      } catch (error) {
        if (!ended) await end(false).catch(() => {});
        throw error;
      }
    },
    async dumpDataDir(compression = "gzip") {
      return new Blob([await call<ArrayBuffer>({ op: "dump", compression })]);
    },
    saveTemplate: () => call<boolean>({ op: "saveTemplate" }),
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        try {
          if (failure) return;
          // PGlite closes after the statement it is running, and never while a transaction stays open (a
          // request still inside one): bounded, as the postgres driver's end({ timeout: 5 }), so that a
          // server asked to stop does stop. The thread is then ended mid-work: what was committed is on
          // disk and the next start recovers as after a crash; the open transaction is lost, as it would be.
          const closed = call({ op: "close" }).then(() => true);
          const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_WAIT_MS)));
          if (!(await Promise.race([closed, waited]))) {
            throw new Error(`the embedded database was still busy after ${CLOSE_WAIT_MS / 1000} s (a statement or a transaction in progress): stopped without its checkpoint; it recovers at the next start`);
          }
        } finally {
          clearTimeout(timer);
          await worker.terminate();
        }
      })();
      return closing;
    },
  } as unknown as EmbeddedClient;
}

/** drizzle's only query options are the row mode and parsers that keep some types as text; nothing else is read. */
function checkOptions(options?: QueryOptions) {
  const { rowMode, parsers, ...rest } = options ?? {};
  if (Object.keys(rest).length > 0) throw new Error(`Unsupported PGlite query options: ${Object.keys(rest).join(", ")}`);
}

/** The database's error as callers know it: message, SQLSTATE `code`, constraint, query... (lib/errors.ts reads them). */
function databaseError(plain: Record<string, unknown> & { message: string }): Error {
  const { message, name, ...fields } = plain;
  const error = Object.assign(new Error(message), fields);
  if (typeof name === "string") Object.defineProperty(error, "name", { value: name, enumerable: false, configurable: true, writable: true });
  return error;
}
