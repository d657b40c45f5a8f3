import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testBudget } from "@/lib/testing/budget";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

// The routing migration (0011 on this branch): connections say which entries they receive, and the
// outbox trigger reads that rule instead of `projects.connection_id` alone. Built on a database as main
// left it (migrations before 0011, a Zoho connection with an imported project and a pushed entry).

let t: TestDb;
let before: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before = migrationsBefore("0011");
});
afterAll(async () => {
  await t.cleanup();
  before.remove();
});

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];
const links = async (entry: number) =>
  (await queryRows<{ connection_id: number; state: string; version: number }>(t.db, sql`select connection_id, state, version from entry_sync_links where entry_id = ${entry} order by connection_id`)).map((r) => ({
    connection: Number(r.connection_id),
    state: r.state,
    version: Number(r.version),
  }));

it("keeps Zoho connections on the entries of their imported projects; other rules route by workspace or chosen projects", async () => {
  await migrateTo(t, before.folder);
  const u = (await one<{ id: number }>(sql`insert into users (email, name, password_hash) values ('r@example.com', 'R', 'x') returning id`)).id;
  const ws = (await one<{ id: number }>(sql`insert into workspaces (name) values ('R''s workspace') returning id`)).id;
  await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws}, ${u}, 'owner')`);
  const zoho = (await one<{ id: number }>(sql`insert into integration_connections (workspace_id, user_id, provider, label, credentials) values (${ws}, ${u}, 'zoho-projects', 'Zoho', 'sealed') returning id`)).id;
  const imported = (await one<{ id: number }>(sql`insert into projects (workspace_id, name, connection_id, remote_id) values (${ws}, 'Remote', ${zoho}, 'r-1') returning id`)).id;
  const local = (await one<{ id: number }>(sql`insert into projects (workspace_id, name) values (${ws}, 'Local') returning id`)).id;
  const entry = async (project: number | null) =>
    (await one<{ id: number }>(sql`insert into time_entries (workspace_id, user_id, project_id, start_at, end_at) values (${ws}, ${u}, ${project}, '2026-11-03T09:00:00Z', '2026-11-03T09:30:00Z') returning id`)).id;
  const pushed = await entry(imported);
  expect(await links(pushed)).toEqual([{ connection: zoho, state: "pending", version: 1 }]);

  await migrateDatabase(t, t.target);

  // Backfill: the existing connection keeps its rule; a new connection's column default receives nothing.
  expect(await one(sql`select routing, routing_project_ids from integration_connections where id = ${zoho}`)).toEqual({ routing: "imported_projects", routing_project_ids: [] });
  const all = (await one<{ id: number }>(sql`insert into integration_connections (workspace_id, user_id, provider, label, credentials) values (${ws}, ${u}, 'alp', 'ALP', 'sealed') returning id`)).id;
  expect(await one(sql`select routing from integration_connections where id = ${all}`)).toEqual({ routing: "none" });

  // Imported projects: as before the migration.
  const second = await entry(imported);
  const elsewhere = await entry(local);
  expect(await links(second)).toEqual([{ connection: zoho, state: "pending", version: 1 }]);
  expect(await links(elsewhere)).toEqual([]);
  await t.db.execute(sql`update entry_sync_links set state = 'synced' where entry_id = ${second}`);
  await t.db.execute(sql`update time_entries set project_id = ${local} where id = ${second}`);
  expect(await links(second)).toEqual([{ connection: zoho, state: "pending", version: 2 }]); // the worker removes its remote log

  // Every entry of the connection's owner in the workspace, with or without a project; not a colleague's.
  await t.db.execute(sql`update integration_connections set routing = 'workspace' where id = ${all}`);
  const colleague = (await one<{ id: number }>(sql`insert into users (email, name, password_hash) values ('c@example.com', 'C', 'x') returning id`)).id;
  await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws}, ${colleague}, 'member')`);
  const theirs = (await one<{ id: number }>(sql`insert into time_entries (workspace_id, user_id, project_id, start_at, end_at) values (${ws}, ${colleague}, ${local}, '2026-11-03T09:00:00Z', '2026-11-03T09:30:00Z') returning id`)).id;
  expect(await links(theirs)).toEqual([]);
  const any = await entry(local);
  const none = await entry(null);
  const both = await entry(imported);
  expect(await links(any)).toEqual([{ connection: all, state: "pending", version: 1 }]);
  expect(await links(none)).toEqual([{ connection: all, state: "pending", version: 1 }]);
  expect(await links(both)).toEqual([
    { connection: zoho, state: "pending", version: 1 },
    { connection: all, state: "pending", version: 1 },
  ]);

  // Chosen projects: only those; leaving them makes the link pending (its remote log goes), deleting too.
  await t.db.execute(sql`update integration_connections set routing = 'projects', routing_project_ids = ${sql.param([local])}::integer[] where id = ${all}`);
  const chosen = await entry(local);
  const other = await entry(null);
  expect(await links(chosen)).toEqual([{ connection: all, state: "pending", version: 1 }]);
  expect(await links(other)).toEqual([]);
  await t.db.execute(sql`update entry_sync_links set state = 'synced' where entry_id = ${chosen}`);
  await t.db.execute(sql`update time_entries set project_id = null where id = ${chosen}`);
  expect(await links(chosen)).toEqual([{ connection: all, state: "pending", version: 2 }]);
  await t.db.execute(sql`delete from time_entries where id = ${pushed}`);
  expect(await links(pushed)).toEqual([{ connection: zoho, state: "pending", version: 2 }]);
}, testBudget(3));
