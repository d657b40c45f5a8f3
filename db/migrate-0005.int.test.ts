import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrationsFolder } from "./index";
import { migrateDatabase } from "./migrate";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb;
let before0005: string;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  // The migrations as they were before 0005, to build a database that could hold duplicate project names.
  before0005 = fs.mkdtempSync(path.join(os.tmpdir(), "stint-before-0005-"));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < "0005");
  fs.mkdirSync(path.join(before0005, "meta"));
  fs.writeFileSync(path.join(before0005, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), path.join(before0005, `${e.tag}.sql`));
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(before0005, { recursive: true, force: true });
});

async function migrateTo(folder: string) {
  if ("url" in t.target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(t.target.url, { max: 1, onnotice: () => {} });
    await migrate(drizzle(client), { migrationsFolder: folder });
    await client.end({ timeout: 5 });
  } else {
    await migratePglite(t.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }
}

it("0005 keeps every project of a database with duplicate names, renaming the later ones “Name (2)”, “Name (3)”… (skipping names taken)", async () => {
  await migrateTo(before0005);
  const [alice] = await queryRows<{ id: number }>(t.db, sql`insert into users (email, name, password_hash) values ('alice@example.com', 'Alice', 'x') returning id`);
  const [bob] = await queryRows<{ id: number }>(t.db, sql`insert into users (email, name, password_hash) values ('bob@example.com', 'Bob', 'x') returning id`);
  const [acme] = await queryRows<{ id: number }>(t.db, sql`insert into clients (user_id, name) values (${alice.id}, 'Acme') returning id`);
  const rows: [number, number | null, string][] = [
    [alice.id, null, "Website"],
    [alice.id, null, "website"],
    [alice.id, null, "WEBSITE"],
    [alice.id, null, "Website (2)"], // already taken: the renamed ones skip it
    [alice.id, acme.id, "Website"], // another client: no clash
    [alice.id, acme.id, "Design"],
    [alice.id, acme.id, "design"],
    [bob.id, null, "Website"], // another user: no clash
  ];
  for (const [userId, clientId, name] of rows) await t.db.execute(sql`insert into projects (user_id, client_id, name) values (${userId}, ${clientId}, ${name})`);

  await migrateDatabase(t, t.target);

  const after = await queryRows<{ user_id: number; client_id: number | null; name: string }>(t.db, sql`select user_id, client_id, name from projects order by id`);
  expect(after.map((p) => [p.user_id, p.client_id, p.name])).toEqual([
    [alice.id, null, "Website"],
    [alice.id, null, "website (3)"],
    [alice.id, null, "WEBSITE (4)"],
    [alice.id, null, "Website (2)"],
    [alice.id, acme.id, "Website"],
    [alice.id, acme.id, "Design"],
    [alice.id, acme.id, "design (2)"],
    [bob.id, null, "Website"],
  ]);
  // From now on the index refuses a duplicate.
  const duplicate = await t.db.execute(sql`insert into projects (user_id, name) values (${alice.id}, 'wEbSiTe')`).then(
    () => null,
    (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code,
  );
  expect(duplicate).toBe("23505");
  const [user] = await queryRows<{ max_entry_minutes: number; currency: string }>(t.db, sql`select max_entry_minutes, currency from users where id = ${alice.id}`);
  expect(user).toEqual({ max_entry_minutes: 1440, currency: "EUR" });
});
