import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

// 0012 gives entries, projects, clients, tasks and tags their change columns (the change feed) and keeps
// each member's count of finished entries. Built on a database as main left it (migrations up to 0010).

let t: TestDb;
let before0012: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before0012 = migrationsBefore("0012");
});
afterAll(async () => {
  await t.cleanup();
  before0012.remove();
});

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];

it("0012 counts each member's finished entries, dates every row's last change by its updated_at, and from then on stamps changes and leaves tombstones", async () => {
  await migrateTo(t, before0012.folder);
  const user = await one<{ id: number }>(sql`insert into users (email, name, password_hash) values ('a@example.com', 'A', 'x') returning id`);
  const ws = await one<{ id: number }>(sql`insert into workspaces (name) values ('A') returning id`);
  await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${ws.id}, ${user.id}, 'owner')`);
  const project = await one<{ id: number }>(sql`insert into projects (workspace_id, name, updated_at) values (${ws.id}, 'Web', '2025-01-02T03:04:05Z') returning id`);
  await t.db.execute(
    sql`insert into time_entries (workspace_id, user_id, project_id, start_at, end_at, updated_at)
        select ${ws.id}, ${user.id}, ${project.id}, timestamptz '2025-01-01' + i * interval '1 day', timestamptz '2025-01-01' + i * interval '1 day' + interval '1 hour', '2025-03-01T00:00:00Z'
        from generate_series(1, 5) i`,
  );
  await t.db.execute(sql`insert into time_entries (workspace_id, user_id, start_at) values (${ws.id}, ${user.id}, now())`);

  await migrateDatabase(t, t.target);

  expect(await one(sql`select finished from time_entry_counts where workspace_id = ${ws.id} and user_id = ${user.id}`)).toEqual({ finished: 5 });
  expect(await one(sql`select changed_at = updated_at as same from projects where id = ${project.id}`)).toEqual({ same: true });
  expect(await one(sql`select count(*)::int as n from time_entries where changed_at = '2025-03-01T00:00:00Z'`)).toEqual({ n: 5 });
  const before = await one<{ seq: string }>(sql`select max(change_seq)::text as seq from time_entries`);
  await t.db.execute(sql`update projects set name = 'Website' where id = ${project.id}`);
  const renamed = await one<{ seq: string; recent: boolean }>(sql`select change_seq::text as seq, changed_at > now() - interval '1 minute' as recent from projects where id = ${project.id}`);
  expect(BigInt(renamed.seq) > BigInt(before.seq)).toBe(true);
  expect(renamed.recent).toBe(true);
  // Deleting the running entry changes no count; deleting a finished one does, and leaves a tombstone.
  await t.db.execute(sql`delete from time_entries where end_at is null`);
  await t.db.execute(sql`delete from time_entries where id = (select min(id) from time_entries)`);
  expect(await one(sql`select finished from time_entry_counts where user_id = ${user.id}`)).toEqual({ finished: 4 });
  expect(await queryRows(t.db, sql`select kind, user_id from change_tombstones order by change_seq`)).toEqual([
    { kind: "time_entry", user_id: user.id },
    { kind: "time_entry", user_id: user.id },
  ]);
});
