import { PGlite, type QueryOptions } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedClient, type EmbeddedClient } from "./pglite-client";
import { testDatabaseKind } from "./testing";

// The embedded database's thread runs statements prepared and sends PostgreSQL's reply as bytes, which the
// main thread reads (db/pglite-statements.mjs, db/pglite-replies.ts). What callers get must be what PGlite's
// own query() returns: the same statements on both, compared whole.
const SETUP = `
  create type mood as enum ('calm', 'busy');
  create table kinds (id serial primary key, i2 smallint, i4 int, i8 bigint, f4 real, f8 float8, num numeric,
    b boolean, t text, vc varchar(10), j json, jb jsonb, by bytea, d date, ts timestamp, tstz timestamptz,
    iv interval, u uuid, ints int[], texts text[], stamps timestamptz[], moods mood[], m mood);
  insert into kinds (i2, i4, i8, f4, f8, num, b, t, vc, j, jb, by, d, ts, tstz, iv, u, ints, texts, stamps, moods, m) values
    (1, 2, 9007199254740993, 1.5, 0.1, 12345678901234567890.25, true, 'é "quoted", {braced}', 'x',
     '{"a": [1, 2]}', '{"b": null}', '\\xdeadbeef', '2026-03-29', '2026-03-29 02:30:00', '2026-03-29 01:30:00.123+00',
     '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,NULL,3}', '{"a","b,c",NULL,"d\\"e"}',
     '{"2026-01-01 00:00:00+00"}', '{calm,busy}', 'busy'),
    (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, '{}', null, null, null);
`;

let inProcess: PGlite;
let client: EmbeddedClient;
beforeAll(async () => {
  if (testDatabaseKind() !== "pglite") return;
  inProcess = new PGlite();
  await inProcess.exec(SETUP);
  client = openEmbeddedClient(null);
  await client.exec(SETUP);
});
afterAll(async () => {
  await client?.close();
  await inProcess?.close();
});

async function both(sql: string, params?: unknown[], options?: QueryOptions) {
  const [expected, actual] = await Promise.all([inProcess.query(sql, params, options), client.query(sql, params, options)]);
  return { expected, actual };
}

describe.runIf(testDatabaseKind() === "pglite")("statements on the embedded database's thread", () => {
  it("returns what PGlite's query() returns: every column type, nulls, arrays, enums, row modes and parsers", async () => {
    for (const [sql, params, options] of [
      ["select * from kinds order by id", [], undefined],
      ["select * from kinds where id = $1", [1], { rowMode: "array" }],
      // drizzle keeps dates and timestamps as text through parsers of its own.
      ["select ts, tstz, d, stamps from kinds order by id", [], { parsers: { 1114: (v: string) => `kept ${v}`, 1184: (v: string) => v, 1082: (v: string) => v, 1185: (v: string) => v } }],
      ["select $1::int[] as a, $2::text[] as b, $3::jsonb as c, $4::bytea as d, $5::timestamptz as e", [[1, 2], ["x,y", "z"], { k: [1] }, new Uint8Array([1, 2]), new Date("2026-01-02T03:04:05Z")], undefined],
      // The types db/pglite-replies.ts reads from the bytes (integers, floats, booleans, integer arrays), at their edges.
      [`select '-2147483648'::int as a, 2147483647::int as b, '-32768'::smallint as c, 4294967295::oid as d, 'NaN'::float8 as e,
               'Infinity'::float8 as f, '-Infinity'::float4 as g, 1e300::float8 as h, '-0'::float8 as i, 5e-324::float8 as j,
               0.1::float4 as k, false as l, '{}'::int[] as m, '{-1,22,333}'::int[] as n, '{{1,2},{3,4}}'::int[] as o,
               '{1,NULL}'::int[] as p, '{-5,6}'::int2[] as q, '[0:1]={7,8}'::int[] as r, 1796057840.79005::float8 as s`, [], undefined],
      ["select 7 as a, '{7}'::int[] as b, true as c", [], { parsers: { 23: (v: string) => `int ${v}`, 1007: (v: string) => `ints ${v}`, 16: (v: string) => `bool ${v}` } }],
      ["select 1 as x, 2 as x", [], undefined], // the last of two columns of one name, as Object.fromEntries keeps it
      ["select * from kinds where false", [], undefined],
    ] as [string, unknown[], QueryOptions | undefined][]) {
      const { expected, actual } = await both(sql, params, options);
      expect(actual, sql).toEqual(expected);
    }
  });

  it("counts the rows a change affected, as PGlite does", async () => {
    for (const sql of ["update kinds set t = t where id > $1", "insert into kinds (t) values ($1) returning id", "delete from kinds where t = $1"]) {
      const { expected, actual } = await both(sql, [sql.startsWith("update") ? 0 : "added"]);
      expect(actual, sql).toEqual(expected);
      expect(actual.affectedRows, sql).toBeGreaterThan(0);
    }
  });

  it("throws PostgreSQL's error with its SQLSTATE, constraint and position, and the statement's text", async () => {
    await client.exec("create table uniq (n int constraint uniq_n unique)");
    await client.query("insert into uniq values ($1)", [1]);
    const duplicate = await client.query("insert into uniq values ($1)", [1]).catch((e: unknown) => e as Record<string, unknown>);
    expect(duplicate).toMatchObject({ message: 'duplicate key value violates unique constraint "uniq_n"', code: "23505", constraint: "uniq_n", table: "uniq", query: "insert into uniq values ($1)" });
    const syntax = await client.query("select from where").catch((e: unknown) => e as Record<string, unknown>);
    expect(syntax).toMatchObject({ code: "42601", position: "13" });
    // The statement that failed to parse is not kept: fixed, the same connection runs on.
    expect((await client.query<{ n: number }>("select count(*)::int as n from uniq")).rows).toEqual([{ n: 1 }]);
  });

  it("parses a kept statement again when the table it reads changed its columns", async () => {
    await client.exec("create table changing (a int); insert into changing values (1)");
    expect((await client.query("select * from changing")).rows).toEqual([{ a: 1 }]);
    await client.exec("alter table changing add column b text default 'new'");
    expect((await client.query("select * from changing")).rows).toEqual([{ a: 1, b: "new" }]);
    // Inside a transaction the stale statement fails it (as on PostgreSQL through postgres.js) and is parsed
    // again the next time.
    await client.exec("alter table changing add column c int default 3");
    await expect(client.transaction((tx) => tx.query("select * from changing"))).rejects.toThrow(/cached plan must not change result type/);
    expect((await client.query("select * from changing")).rows).toEqual([{ a: 1, b: "new", c: 3 }]);
  });

  it("keeps queries and changes prepared, not a one-off statement such as DDL", async () => {
    await client.query("create table once_only (n int)");
    await client.query("insert into once_only values ($1)", [1]);
    const kept = await client.query<{ statement: string }>("select statement from pg_prepared_statements");
    const texts = kept.rows.map((r) => r.statement);
    expect(texts).toContain("insert into once_only values ($1)");
    expect(texts).not.toContain("create table once_only (n int)");
  });

  it("keeps working past the bound on kept statements, the oldest closed and prepared again when it comes back", async () => {
    for (let i = 0; i < 520; i++) expect((await client.query<{ n: number }>(`select $1::int + ${i} as n`, [1])).rows).toEqual([{ n: 1 + i }]);
    expect((await client.query<{ n: number }>("select $1::int + 0 as n", [5])).rows).toEqual([{ n: 5 }]);
    const kept = await client.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements");
    expect(kept.rows[0].n).toBeLessThanOrEqual(501);
  });

  it("runs a transaction's statements in it, and the others after it", async () => {
    await client.exec("create table ordered (n int)");
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = client.transaction(async (tx) => {
      await tx.query("insert into ordered values ($1)", [1]);
      inside();
      await held;
      await tx.query("insert into ordered values ($1)", [2]);
    });
    await started;
    const outside = client.query<{ n: number }>("select array_agg(n order by n) as n from ordered");
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ n: [1, 2] }]);
  });
});
