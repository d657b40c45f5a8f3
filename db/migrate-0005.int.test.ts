import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb;
let before0005: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before0005 = migrationsBefore("0005");
});
afterAll(async () => {
  await t.cleanup();
  before0005.remove();
});

it("0005 keeps every project of a database with duplicate names, renaming the later ones “Name (2)”, “Name (3)”… (skipping names taken)", async () => {
  await migrateTo(t, before0005.folder);
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

  // Later migrations moved projects into each user's personal workspace (0008, 0009): read them by their owner.
  const after = await queryRows<{ user_id: number; client_id: number | null; name: string }>(
    t.db,
    sql`select m.user_id, p.client_id, p.name from projects p join workspace_members m on m.workspace_id = p.workspace_id and m.role = 'owner' order by p.id`,
  );
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
  const duplicate = await t.db.execute(sql`insert into projects (workspace_id, name) select workspace_id, 'wEbSiTe' from workspace_members where user_id = ${alice.id}`).then(
    () => null,
    (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code,
  );
  expect(duplicate).toBe("23505");
  const [user] = await queryRows<{ max_entry_minutes: number; currency: string }>(t.db, sql`select max_entry_minutes, currency from users where id = ${alice.id}`);
  expect(user).toEqual({ max_entry_minutes: 1440, currency: "EUR" });
});
