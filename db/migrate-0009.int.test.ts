import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { authenticateToken } from "@/lib/tokens/authenticate";
import { generateToken, hashToken, tokenPrefix } from "@/lib/tokens/token";
import { migrateDatabase } from "./migrate";
import { migrateTo, migrationsBefore } from "./migrations-before";
import { queryRows } from "./rows";
import { createTestDb, type TestDb } from "./testing";

// 0009 moves every user's rows into the personal workspace 0008 gave them. Built on a database as main
// left it before 0009 (migrations up to 0008, rows written with main's columns), then migrated.

let t: TestDb;
let before0009: ReturnType<typeof migrationsBefore>;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  before0009 = migrationsBefore("0009");
});
afterAll(async () => {
  await t.cleanup();
  before0009.remove();
});

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];

/** A user with a bit of everything, as main wrote it (user_id on every row); registered (with the personal
 *  workspace main's registration makes) or, like a user made by hand, without one. */
async function fill(email: string, name: string, registered: boolean) {
  const user = await one<{ id: number }>(sql`insert into users (email, name, password_hash) values (${email}, ${name}, 'x') returning id`);
  const u = user.id;
  let personal: number | null = null;
  if (registered) {
    personal = (await one<{ id: number }>(sql`insert into workspaces (name) values (${`${name}'s workspace`}) returning id`)).id;
    await t.db.execute(sql`insert into workspace_members (workspace_id, user_id, role) values (${personal}, ${u}, 'owner')`);
  }
  const client = await one<{ id: number }>(sql`insert into clients (user_id, name) values (${u}, 'Acme') returning id`);
  const connection = await one<{ id: number }>(
    sql`insert into integration_connections (user_id, provider, label, credentials) values (${u}, 'zoho-projects', 'Zoho', 'sealed') returning id`,
  );
  const project = await one<{ id: number }>(sql`insert into projects (user_id, client_id, name) values (${u}, ${client.id}, 'Website') returning id`);
  const linked = await one<{ id: number }>(
    sql`insert into projects (user_id, name, connection_id, remote_id) values (${u}, 'Remote', ${connection.id}, 'r-1') returning id`,
  );
  const task = await one<{ id: number }>(sql`insert into tasks (user_id, project_id, name) values (${u}, ${project.id}, 'Design') returning id`);
  const tag = await one<{ id: number }>(sql`insert into tags (user_id, name) values (${u}, 'deep') returning id`);
  const entry = await one<{ id: number }>(
    sql`insert into time_entries (user_id, project_id, task_id, start_at, end_at) values (${u}, ${project.id}, ${task.id}, '2026-11-02T09:00:00Z', '2026-11-02T10:00:00Z') returning id`,
  );
  await t.db.execute(sql`insert into time_entry_tags (user_id, entry_id, tag_id) values (${u}, ${entry.id}, ${tag.id})`);
  // An entry of the linked project: the outbox trigger writes its sync link, as on main.
  const synced = await one<{ id: number }>(sql`insert into time_entries (user_id, project_id, start_at, end_at) values (${u}, ${linked.id}, '2026-11-03T09:00:00Z', '2026-11-03T09:30:00Z') returning id`);
  const running = await one<{ id: number }>(sql`insert into time_entries (user_id, start_at) values (${u}, '2026-11-04T09:00:00Z') returning id`);
  await t.db.execute(sql`insert into deleted_time_entries (id, user_id, entry) values (${100_000 + u}, ${u}, '{}'::jsonb)`);
  await t.db.execute(sql`insert into integration_jobs (user_id, connection_id, kind) values (${u}, ${connection.id}, 'sync')`);
  const token = generateToken();
  await t.db.execute(sql`insert into api_tokens (user_id, name, prefix, token_hash, scopes) values (${u}, 'script', ${tokenPrefix(token)}, ${hashToken(token)}, ${sql.param(["read:time_entries"])}::text[])`);
  return { userId: u, personal, client: client.id, connection: connection.id, project: project.id, linked: linked.id, task: task.id, tag: tag.id, entry: entry.id, synced: synced.id, running: running.id, token };
}

it("0009 moves every row of every user into their personal workspace: same ids, nothing lost, tokens keep working, keys by workspace", async () => {
  await migrateTo(t, before0009.folder);
  const alice = await fill("alice@example.com", "Alice", true);
  const bob = await fill("bob@example.com", "Bob", false);
  const counts = async () =>
    one<Record<string, number>>(sql`select
      (select count(*) from clients)::int as clients, (select count(*) from projects)::int as projects, (select count(*) from tasks)::int as tasks,
      (select count(*) from tags)::int as tags, (select count(*) from time_entries)::int as entries, (select count(*) from time_entry_tags)::int as entry_tags,
      (select count(*) from deleted_time_entries)::int as deleted, (select count(*) from api_tokens)::int as tokens,
      (select count(*) from integration_connections)::int as connections, (select count(*) from entry_sync_links)::int as links,
      (select count(*) from integration_jobs)::int as jobs`);
  const before = await counts();
  expect(before).toEqual({ clients: 2, projects: 4, tasks: 2, tags: 2, entries: 6, entry_tags: 2, deleted: 2, tokens: 2, connections: 2, links: 2, jobs: 2 });

  await migrateDatabase(t, t.target);

  expect(await counts()).toEqual(before);
  for (const who of [alice, bob]) {
    const ws = await one<{ workspace_id: number }>(sql`select workspace_id from workspace_members where user_id = ${who.userId} and role = 'owner'`);
    const w = ws.workspace_id;
    // A registered user's rows go to the workspace registration made them; one without gets a workspace of their own.
    if (who.personal !== null) expect(w).toBe(who.personal);
    expect(await one(sql`select name from workspaces where id = ${w}`)).toEqual({ name: who === alice ? "Alice's workspace" : "Bob's workspace" });
    // Same ids, in the personal workspace.
    expect(await one(sql`select workspace_id from clients where id = ${who.client}`)).toEqual({ workspace_id: w });
    expect(await one(sql`select workspace_id, client_id, private from projects where id = ${who.project}`)).toEqual({ workspace_id: w, client_id: who.client, private: false });
    expect(await one(sql`select workspace_id, connection_id from projects where id = ${who.linked}`)).toEqual({ workspace_id: w, connection_id: who.connection });
    expect(await one(sql`select workspace_id, project_id from tasks where id = ${who.task}`)).toEqual({ workspace_id: w, project_id: who.project });
    expect(await one(sql`select workspace_id from tags where id = ${who.tag}`)).toEqual({ workspace_id: w });
    expect(await queryRows(t.db, sql`select id, workspace_id, user_id from time_entries where user_id = ${who.userId} order by id`)).toEqual(
      [who.entry, who.synced, who.running].map((id) => ({ id, workspace_id: w, user_id: who.userId })),
    );
    expect(await one(sql`select workspace_id, tag_id from time_entry_tags where entry_id = ${who.entry}`)).toEqual({ workspace_id: w, tag_id: who.tag });
    expect(await one(sql`select workspace_id from deleted_time_entries where user_id = ${who.userId}`)).toEqual({ workspace_id: w });
    expect(await one(sql`select workspace_id, user_id from integration_connections where id = ${who.connection}`)).toEqual({ workspace_id: w, user_id: who.userId });
    expect(await one(sql`select workspace_id from entry_sync_links where entry_id = ${who.synced}`)).toEqual({ workspace_id: w });
    expect(await one(sql`select workspace_id from integration_jobs where connection_id = ${who.connection}`)).toEqual({ workspace_id: w });
    expect(await one(sql`select workspace_id from api_tokens where user_id = ${who.userId}`)).toEqual({ workspace_id: w });
    // A token made before 0009 still authenticates, as its member in the personal workspace.
    const identity = await authenticateToken(t.db, who.token);
    expect(identity).toMatchObject({ userId: who.userId, workspaceId: w, role: "owner", scopes: ["read:time_entries"] });
  }
  // The catalog is the workspace's: its user_id is gone.
  const userIdColumns = await queryRows<{ table_name: string }>(
    t.db,
    sql`select table_name from information_schema.columns where column_name = 'user_id' and table_name in ('clients', 'projects', 'tasks', 'tags', 'time_entry_tags') order by table_name`,
  );
  expect(userIdColumns).toEqual([]);
  // The database refuses a reference across workspaces: Bob's entry on Alice's project, Alice's project with Bob's client.
  const bobWs = (await one<{ workspace_id: number }>(sql`select workspace_id from projects where id = ${bob.project}`)).workspace_id;
  const code = (q: ReturnType<typeof sql>) =>
    t.db.execute(q).then(
      () => null,
      (e: { cause?: { code?: string }; code?: string }) => e.cause?.code ?? e.code,
    );
  expect(await code(sql`insert into time_entries (workspace_id, user_id, project_id, start_at, end_at) values (${bobWs}, ${bob.userId}, ${alice.project}, now() - interval '1 hour', now())`)).toBe("23503");
  expect(await code(sql`update projects set client_id = ${bob.client} where id = ${alice.project}`)).toBe("23503");
  expect(await code(sql`insert into time_entry_tags (workspace_id, entry_id, tag_id) values (${bobWs}, ${bob.entry}, ${alice.tag})`)).toBe("23503");
  // Names are unique per workspace: Bob's workspace may have a "Website" too, but not two.
  expect(await code(sql`insert into projects (workspace_id, client_id, name) values (${bobWs}, ${bob.client}, 'WEBSITE')`)).toBe("23505");
  // The outbox trigger writes the entry's workspace on new links.
  await t.db.execute(sql`insert into time_entries (workspace_id, user_id, project_id, start_at, end_at) values (${bobWs}, ${bob.userId}, ${bob.linked}, '2026-11-05T09:00:00Z', '2026-11-05T09:30:00Z')`);
  expect(await queryRows(t.db, sql`select workspace_id from entry_sync_links where connection_id = ${bob.connection} order by entry_id`)).toEqual([{ workspace_id: bobWs }, { workspace_id: bobWs }]);
});
