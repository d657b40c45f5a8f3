import { eq, sql } from "drizzle-orm";
import { integer, jsonb, numeric, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./index";
import { queryRows } from "./rows";
import { createTestDb, testDatabaseKind, type TestDb } from "./testing";

// The embedded database on its own thread (db/pglite-worker.mjs) must behave as PGlite in-process did.
const probes = pgTable("probes", {
  id: serial("id").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  amount: numeric("amount").notNull(),
  tags: text("tags").array().notNull(),
  data: jsonb("data").$type<{ nested: { list: number[] } }>().notNull(),
  n: integer("n").notNull().default(0),
});

let t: TestDb;
beforeAll(async () => {
  if (testDatabaseKind() !== "pglite") return;
  t = await createTestDb({ migrate: false });
  await t.db.execute(sql`create table probes (id serial primary key, at timestamptz not null, amount numeric not null,
    tags text[] not null, data jsonb not null, n integer not null default 0 unique)`);
});
afterAll(() => t?.cleanup());

const count = async () => Number((await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from probes`))[0].n);

describe.runIf(testDatabaseKind() === "pglite")("the embedded database on its own thread", () => {
  it("returns the types drizzle returned in-process: timestamps as Date, numerics as strings, arrays, jsonb", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z");
    const [inserted] = await t.db.insert(probes).values({ at, amount: "12345678901234567890.25", tags: ["a", "b,c"], data: { nested: { list: [1, 2] } }, n: 1 }).returning();
    expect(inserted.at).toBeInstanceOf(Date);
    expect(inserted.at.toISOString()).toBe(at.toISOString());
    expect(inserted.amount).toBe("12345678901234567890.25");
    expect(inserted.tags).toEqual(["a", "b,c"]);
    expect(inserted.data).toEqual({ nested: { list: [1, 2] } });
    const prepared = t.db.select().from(probes).where(eq(probes.n, sql.placeholder("n"))).prepare("probe_by_n");
    expect((await prepared.execute({ n: 1 }))[0]).toEqual(inserted);
    await t.db.delete(probes);
  });

  it("keeps a database error's SQLSTATE and constraint (services map them to conflicts)", async () => {
    await t.db.insert(probes).values({ at: new Date(), amount: "1", tags: [], data: { nested: { list: [] } }, n: 7 });
    const error = await t.db
      .insert(probes)
      .values({ at: new Date(), amount: "1", tags: [], data: { nested: { list: [] } }, n: 7 })
      .then(() => null, (e: unknown) => e as Error & { cause?: { code?: string; constraint?: string } });
    expect(error?.cause?.code).toBe("23505");
    expect(error?.cause?.constraint).toBe("probes_n_key");
    await t.db.delete(probes);
  });

  it("rolls back a transaction that throws, and a savepoint inside one", async () => {
    const row = (n: number) => ({ at: new Date(), amount: "1", tags: [], data: { nested: { list: [] } }, n });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(probes).values(row(1));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await count()).toBe(0);

    await t.db.transaction(async (tx) => {
      await tx.insert(probes).values(row(2));
      await tx.transaction(async (inner) => {
        await inner.insert(probes).values(row(3));
        inner.rollback();
      }).catch(() => {});
      // A failed statement inside: the savepoint drizzle wraps around it lets the transaction go on.
      await tx.transaction((inner) => inner.insert(probes).values(row(2))).catch(() => {});
    });
    expect((await t.db.select({ n: probes.n }).from(probes)).map((r) => r.n)).toEqual([2]);
    await t.db.delete(probes);
  });

  it("holds the database for a transaction: another request's query waits for the commit and then sees it", async () => {
    let outsideSaw: number | undefined;
    let outside: Promise<void> | undefined;
    await t.db.transaction(async (tx) => {
      await tx.insert(probes).values({ at: new Date(), amount: "1", tags: [], data: { nested: { list: [] } }, n: 10 });
      outside = count().then((n) => void (outsideSaw = n));
      // The other query cannot run in the middle of this transaction.
      await tx.execute(sql`select count(*) from probes`);
      expect(outsideSaw).toBeUndefined();
    });
    await outside;
    expect(outsideSaw).toBe(1);
    await t.db.delete(probes);
  });

  it("does not block the server's thread: work started after a long query began finishes first", async () => {
    const finished: string[] = [];
    // This thread's timer ticks while the query runs; the longest gap between two is the longest stall.
    const ticks = [performance.now()];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const long = t.db.execute(sql`select count(*) from generate_series(1, 1000000) a where md5(a::text) > ''`).then(() => finished.push("long query"));
    // A request's own work on this thread (rendering, a password hash...): here a short wait, then a sum.
    const short = new Promise((resolve) => setTimeout(resolve, 20)).then(() => finished.push(`short work ${[1, 2, 3].reduce((a, b) => a + b)}`));
    await Promise.all([long, short]);
    ticks.push(performance.now());
    clearInterval(timer);
    // In-process, the whole query ran on this thread: the timer could only fire after it.
    expect(finished).toEqual(["short work 6", "long query"]);
    const took = ticks[ticks.length - 1] - ticks[0];
    const longestStall = Math.max(...ticks.slice(1).map((at, i) => at - ticks[i]));
    expect(took).toBeGreaterThan(200);
    expect(longestStall).toBeLessThan(took / 2);
  });

  it("closes within a bound while a statement runs or a transaction stays open, and what was committed is there after", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "stint-close-"));
    const target = { pgliteDir: path.join(folder, "pgdata") };
    try {
      // A statement that would run for a minute: close() gives up on it after its bound, not after the minute.
      const first = openDatabase(target);
      await first.db.execute(sql`create table kept (n int)`);
      await first.db.execute(sql`insert into kept values (1)`);
      // Sent before close(): the thread runs it first.
      const slow = first.db.execute(sql`select pg_sleep(60)`).then(() => "finished", (e: Error) => e.message);
      let started = performance.now();
      await expect(first.close()).rejects.toThrow(/still busy after 5 s/);
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(await slow).toMatch(/^Failed query: select pg_sleep/); // failed, not finished

      // A transaction a request never ends.
      const second = openDatabase(target);
      expect(await queryRows(second.db, sql`select n from kept`)).toEqual([{ n: 1 }]);
      const inside = new Promise<void>((resolve) => {
        void second.db
          .transaction(async (tx) => {
            await tx.execute(sql`insert into kept values (2)`);
            resolve();
            await new Promise(() => {});
          })
          .catch(() => {});
      });
      await inside;
      started = performance.now();
      await expect(second.close()).rejects.toThrow(/still busy after 5 s/);
      expect(performance.now() - started).toBeLessThan(15_000);

      // The folder opens again (recovery), with the committed row and without the uncommitted one.
      const third = openDatabase(target);
      expect(await queryRows(third.db, sql`select n from kept order by n`)).toEqual([{ n: 1 }]);
      await third.close();
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
