import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "./index";
import { migrateDatabase } from "./migrate";
import { queryRows } from "./rows";
import { testDatabaseKind } from "./testing";

// A new embedded database folder starts as a copy of the migrated template (db/pglite-template.ts), not from initdb.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "stint-template-test-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const journalEntries = () =>
  (JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
const appliedMigrations = async (db: ReturnType<typeof openDatabase>["db"]) =>
  Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n);

describe.runIf(testDatabaseKind() === "pglite")("a new embedded database", () => {
  it("opens with every migration already applied once a first folder was migrated, and keeps its own data apart", async () => {
    // The first new folder: from the template if `npm run build` or an earlier start made one, else from initdb.
    const first = { pgliteDir: path.join(scratch, "first") };
    const a = openDatabase(first);
    try {
      await migrateDatabase(a, first);
      await a.saveTemplate?.();
      // Written after the template was kept: it must not reach the next folder.
      await a.db.execute(sql`insert into users (email, name, password_hash) values ('first@example.com', 'First', 'x')`);
    } finally {
      await a.close();
    }

    const second = { pgliteDir: path.join(scratch, "second") };
    const b = openDatabase(second);
    try {
      // Before any migration ran here: the schema came with the folder.
      expect(await appliedMigrations(b.db)).toBe(journalEntries());
      expect(await queryRows(b.db, sql`select email from users`)).toEqual([]);
      // Nothing left to do, and the database works.
      await migrateDatabase(b, second);
      expect(await appliedMigrations(b.db)).toBe(journalEntries());
      await b.db.execute(sql`insert into users (email, name, password_hash) values ('second@example.com', 'Second', 'x')`);
      expect(await queryRows(b.db, sql`select email from users`)).toEqual([{ email: "second@example.com" }]);
      // A template is kept once only: this folder did not come from initdb.
      expect(await b.saveTemplate?.()).toBe(false);
    } finally {
      await b.close();
    }
  });
});
