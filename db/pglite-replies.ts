import { types, type QueryOptions, type Results } from "@electric-sql/pglite";

/** What the rows are parsed with: PGlite's parsers for its built-in types, and for arrays of the database's types. */
export type Parsers = Record<number, (value: string, typeId?: number) => unknown>;

/** [element type, array type] pairs, as the database's thread reads them (db/pglite-worker.mjs, "arrayTypes"). */
export function parsersFor(arrayTypes: [number, number][]): Parsers {
  const parsers: Parsers = { ...types.parsers };
  // As PGlite's own _initArrayTypes: an array's elements parsed as their type is.
  for (const [element, array] of arrayTypes) parsers[array] = (value) => types.arrayParser(value, parsers[element], array);
  return parsers;
}

type Field = { name: string; dataTypeID: number };

/**
 * The rows of one statement's reply, as PGlite's query() would return them: PostgreSQL's protocol messages
 * (ParseComplete, RowDescription, DataRow, CommandComplete, ErrorResponse...) read from the bytes the database's
 * thread sent (db/pglite-statements.mjs), on this thread. Throws the statement's error, with its SQLSTATE
 * `code`, `constraint` and the other fields PostgreSQL sent, and the statement's text as `query`.
 */
export function readReply<T>(bytes: Uint8Array, defaults: Parsers, sql: string, options?: Pick<QueryOptions, "rowMode" | "parsers">): Results<T> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The caller's parsers first (drizzle's keep dates as text), then the defaults: looked up per column, once.
  const own = options?.parsers as Parsers | undefined;
  const asArrays = options?.rowMode === "array";
  let fields: Field[] = [];
  let fieldParsers: ((value: string, typeId?: number) => unknown)[] = [];
  let rows: unknown[] = [];
  let result: Results<T> | undefined;
  let error: Error | undefined;
  const text = (from: number, to: number) => buffer.toString("utf8", from, to);
  const cString = (from: number) => {
    const end = buffer.indexOf(0, from);
    return { value: text(from, end), next: end + 1 };
  };

  for (let at = 0; at + 5 <= buffer.length; ) {
    const kind = buffer[at];
    const end = at + 1 + buffer.readInt32BE(at + 1);
    let p = at + 5;
    switch (kind) {
      case 0x54: {
        // T: RowDescription
        const count = buffer.readInt16BE(p);
        p += 2;
        fields = [];
        for (let i = 0; i < count; i++) {
          const name = cString(p);
          p = name.next;
          const dataTypeID = buffer.readInt32BE(p + 6);
          fields.push({ name: name.value, dataTypeID });
          p += 18;
        }
        fieldParsers = fields.map((field) => own?.[field.dataTypeID] ?? defaults[field.dataTypeID]);
        rows = [];
        break;
      }
      case 0x44: {
        // D: DataRow
        const count = buffer.readInt16BE(p);
        p += 2;
        const row: unknown[] | Record<string, unknown> = asArrays ? new Array(count) : {};
        for (let i = 0; i < count; i++) {
          const length = buffer.readInt32BE(p);
          p += 4;
          let value: unknown = null;
          if (length >= 0) {
            const raw = text(p, p + length);
            p += length;
            const parse = fieldParsers[i];
            value = parse ? parse(raw, fields[i].dataTypeID) : raw;
          }
          if (asArrays) (row as unknown[])[i] = value;
          else (row as Record<string, unknown>)[fields[i].name] = value;
        }
        rows.push(row);
        break;
      }
      case 0x43: {
        // C: CommandComplete, "SELECT 5", "INSERT 0 1", "UPDATE 3"...
        const words = cString(p).value.split(" ");
        const command = words[0];
        const count = parseInt(words[words.length - 1], 10);
        const affectedRows = ["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"].includes(command) ? count : 0;
        result = { rows: rows as T[], fields, command, affectedRows, ...(Number.isNaN(count) ? {} : { rowCount: count }) } as Results<T>;
        break;
      }
      case 0x45: {
        // E: ErrorResponse. Its fields by PostgreSQL's one-letter codes, named as pg-protocol (and PGlite) names them.
        const found: Record<string, string> = {};
        while (p < end && buffer[p] !== 0) {
          const code = String.fromCharCode(buffer[p]);
          const value = cString(p + 1);
          found[code] = value.value;
          p = value.next;
        }
        error ??= databaseError(found, sql);
        break;
      }
      // The rest (ParseComplete, BindComplete, CloseComplete, NoData, ParameterDescription, NoticeResponse,
      // ReadyForQuery...) carry nothing a caller reads.
    }
    at = end;
  }
  if (error) throw error;
  return result ?? ({ rows: [], fields: [], affectedRows: 0 } as Results<T>);
}

const ERROR_FIELDS: Record<string, string> = {
  S: "severity",
  C: "code",
  D: "detail",
  H: "hint",
  P: "position",
  p: "internalPosition",
  q: "internalQuery",
  W: "where",
  s: "schema",
  t: "table",
  c: "column",
  d: "dataType",
  n: "constraint",
  F: "file",
  L: "line",
  R: "routine",
};

function databaseError(found: Record<string, string>, sql: string): Error {
  const error = new Error(found.M ?? "Unknown database error") as Error & Record<string, unknown>;
  for (const [letter, name] of Object.entries(ERROR_FIELDS)) if (found[letter] !== undefined) error[name] = found[letter];
  error.query = sql;
  return error;
}
