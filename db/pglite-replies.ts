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
  let fieldReaders: Reader[] = [];
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
        fieldReaders = fields.map((field) => readerFor(field.dataTypeID, own?.[field.dataTypeID] ?? defaults[field.dataTypeID], own !== undefined && field.dataTypeID in own));
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
            value = fieldReaders[i](buffer, p, p + length);
            p += length;
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

/** Reads one field's text, buffer[from, to), as its column's value. */
type Reader = (buffer: Buffer, from: number, to: number) => unknown;

// Types whose text is ASCII digits (and a sign): read from the bytes, as PGlite's parsers read them (+text),
// without making a string of each. A month of 1,610 sessions is 17,710 fields; making a string of each field and
// parsing it was two thirds of readReply's time (2.8 ms).
const INTEGER_TYPES = new Set([21, 23, 26]); // int2, int4, oid
const FLOAT_TYPES = new Set([700, 701]); // float4, float8: "NaN" and "Infinity" too, as +text reads them
const INTEGER_ARRAY_TYPES = new Set([1005, 1007]); // int2[], int4[]

function readerFor(typeId: number, parse: ((value: string, typeId?: number) => unknown) | undefined, callerParses: boolean): Reader {
  const generic: Reader = parse ? (buffer, from, to) => parse(buffer.toString("utf8", from, to), typeId) : (buffer, from, to) => buffer.toString("utf8", from, to);
  if (callerParses || !parse) return generic;
  if (INTEGER_TYPES.has(typeId)) return readInteger;
  if (FLOAT_TYPES.has(typeId)) return (buffer, from, to) => +buffer.toString("latin1", from, to);
  if (typeId === 16) return (buffer, from) => buffer[from] === 0x74; // bool: "t" or "f"
  if (INTEGER_ARRAY_TYPES.has(typeId)) return (buffer, from, to) => readIntegerArray(buffer, from, to) ?? generic(buffer, from, to);
  return generic;
}

function readInteger(buffer: Buffer, from: number, to: number): number {
  const negative = buffer[from] === 0x2d;
  let value = 0;
  for (let i = negative ? from + 1 : from; i < to; i++) value = value * 10 + buffer[i] - 0x30;
  return negative ? -value : value;
}

/** "{1,-2,3}" as [1, -2, 3]; undefined for anything else (NULLs, several dimensions, bounds), read as PGlite reads it. */
function readIntegerArray(buffer: Buffer, from: number, to: number): number[] | undefined {
  if (buffer[from] !== 0x7b || buffer[to - 1] !== 0x7d) return undefined;
  const values: number[] = [];
  let start = from + 1;
  if (start === to - 1) return values;
  for (let i = start; i < to; i++) {
    const c = buffer[i];
    if (c === 0x2c || c === 0x7d) {
      if (i === start) return undefined;
      values.push(readInteger(buffer, start, i));
      start = i + 1;
    } else if ((c < 0x30 || c > 0x39) && !(c === 0x2d && i === start)) return undefined;
  }
  return values;
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
