// Creates the benchmark database, applies Stint's migrations and seeds it with set-based SQL:
// users, clients, projects, tasks, tags, about a million time entries and their tags, in a few
// INSERT … SELECT statements (no row-by-row inserts). `npm run bench -- --seed-only` runs just this.
import postgres from "postgres";
import { openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import type { CreateTokenInput } from "@/lib/tokens/schema";
import { createToken } from "@/lib/tokens/service";
import { hashPassword } from "@/lib/users/password";
import { config, databaseUrl } from "./config";

export const BENCH_PASSWORD = "bench-password-1";
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London"];
const CLIENTS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Soylent"];
const PROJECTS = ["Website redesign", "Mobile app", "API integration", "Marketing site", "Internal tools", "Support", "Data migration", "Onboarding"];
const TASKS = ["Design", "Implementation", "Review", "Testing", "Meetings", "Deployment"];
const TAGS = ["meeting", "deep-work", "bug", "review", "admin"];
const NOTES = [
  "Code review",
  "Standup",
  "Client call",
  "Fix login bug",
  "Write documentation",
  "Sprint planning",
  "Refactor billing module",
  "Email and admin",
  "Design review",
  "Deploy to staging",
  "Investigate slow query",
  "Pair programming",
  "Customer support",
  "Write tests",
  "Update dependencies",
  "Prepare invoice",
  "Research",
  "Workshop",
  "Onboarding call",
  "Release notes",
];
const COLORS = ["#6366f1", "#ef4444", "#10b981", "#f59e0b", "#3b82f6", "#8b5cf6", "#ec4899", "#14b8a6"];

/** A Postgres array literal for a list of plain strings (no quotes or commas in them). */
const textArray = (items: string[]) => `'{${items.map((s) => `"${s}"`).join(",")}}'::text[]`;

export type Fixtures = {
  /** The user whose token the list, summary and status runs use (has a running timer). */
  mainUser: { id: number; timezone: string; token: string };
  /** One month with data, in the main user's zone. */
  summaryMonth: { start: string; end: string };
  /** Users without a running timer, one per connection of the start/stop run, with a project of theirs. */
  timerUsers: { id: number; token: string; projectId: number }[];
};

export async function serverAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropBenchDatabase(): Promise<void> {
  await serverAdmin((sql) => sql.unsafe(`drop database if exists "${config.dbName}" with (force)`));
}

export async function benchDatabaseExists(): Promise<boolean> {
  return serverAdmin(async (sql) => (await sql`select 1 from pg_database where datname = ${config.dbName}`).length > 0);
}

function check(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
}

/**
 * Bulk-loading practice: drops the foreign keys and secondary indexes of these tables and returns what
 * puts back exactly what was there (definitions read from the catalog, so they match the migrations).
 * One index build and one validating join each are much cheaper than a million index insertions and
 * trigger calls.
 */
async function dropIndexes(sql: postgres.Sql, tables: string[]): Promise<() => Promise<void>> {
  const fks = await sql<{ table: string; name: string; def: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where contype = 'f' and conrelid = any(${tables}::regclass[])`;
  const indexes = await sql<{ name: string; def: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i where i.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const fk of fks) await sql.unsafe(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  return async () => {
    for (const index of indexes) await sql.unsafe(index.def);
    for (const fk of fks) await sql.unsafe(`alter table ${fk.table} add constraint "${fk.name}" ${fk.def}`);
  };
}

/** Drops and re-creates the database, migrates it, seeds it. Returns the seconds each step took. */
export async function createAndSeed(log: (line: string) => void = console.log): Promise<Record<string, number>> {
  check(config.dbName);
  const timings: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    timings[name] = (performance.now() - t0) / 1000;
    log(`  ${name.padEnd(34)} ${timings[name].toFixed(1).padStart(6)} s`);
  };

  await step("create database", async () => {
    await dropBenchDatabase();
    await serverAdmin((sql) => sql.unsafe(`create database "${config.dbName}"`));
  });
  const url = databaseUrl();
  await step("migrations", async () => {
    const handle = openDatabase({ url });
    try {
      await migrateDatabase(handle, { url });
    } finally {
      await handle.close();
    }
  });

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const seedStart = performance.now();
  try {
    await sql`set synchronous_commit = off`;
    await sql`set maintenance_work_mem = '256MB'`;
    await sql`select setseed(0.42)`;
    const n = config.users;
    const perUser = config.entriesPerUser;
    const weeks = Math.ceil(Math.ceil(perUser / 2) / 5);

    await step(`users (${n})`, () =>
      sql.unsafe(
        `insert into users (email, name, password_hash, timezone, created_at, updated_at)
         select format('bench%s@example.com', g), format('Bench User %s', g), $1,
                (${textArray(ZONES)})[1 + g % ${ZONES.length}], now() - interval '2 years', now() - interval '2 years'
         from generate_series(1, ${n}) g order by g`,
        [passwordHash],
      ),
    );
    // Every user in a personal workspace of the same id (as registering makes one), which they own.
    await step(`workspaces (${n})`, async () => {
      await sql.unsafe(
        `insert into workspaces (id, name, created_at, updated_at) overriding system value
         select id, name || '''s workspace', created_at, created_at from users order by id`,
      );
      await sql.unsafe(`select setval(pg_get_serial_sequence('workspaces', 'id'), (select max(id) from workspaces))`);
      await sql.unsafe(`insert into workspace_members (workspace_id, user_id, role, created_at) select id, id, 'owner', created_at from users order by id`);
    });
    await step("clients (3 per user)", () =>
      sql.unsafe(
        `insert into clients (workspace_id, name, email, created_at, updated_at)
         select u.id, (${textArray(CLIENTS)})[1 + (u.id + c) % ${CLIENTS.length}], format('billing%s@example.com', c), u.created_at, u.created_at
         from users u cross join generate_series(0, 2) c order by u.id, c`,
      ),
    );
    // 8 projects per user: 6 for clients (billable, with a rate), 2 internal; one of them archived.
    await step("projects (8 per user)", () =>
      sql.unsafe(
        `insert into projects (workspace_id, client_id, name, color, status, billable, hourly_rate, created_at, updated_at)
         select u.id, case when p % 4 = 3 then null else uc.ids[1 + p % 3] end,
                (${textArray(PROJECTS)})[1 + p], (${textArray(COLORS)})[1 + p],
                (case when p = 7 then 'archived' else 'active' end)::project_status,
                p % 4 <> 3, case when p % 4 <> 3 then 60 + 10 * p end, u.created_at, u.created_at
         from users u
         join (select workspace_id as user_id, array_agg(id order by id) ids from clients group by workspace_id) uc on uc.user_id = u.id
         cross join generate_series(0, 7) p order by u.id, p`,
      ),
    );
    await step("tasks (2 per project)", () =>
      sql.unsafe(
        `insert into tasks (workspace_id, project_id, name, status, created_at, updated_at)
         select p.workspace_id, p.id, (${textArray(TASKS)})[1 + (p.id + t) % ${TASKS.length}],
                (case when t = 0 then 'in_progress' else 'todo' end)::task_status, p.created_at, p.created_at
         from projects p cross join generate_series(0, 1) t order by p.id, t`,
      ),
    );
    await step("tags (5 per user)", () =>
      sql.unsafe(
        `insert into tags (workspace_id, name, created_at)
         select u.id, (${textArray(TAGS)})[1 + t], u.created_at from users u cross join generate_series(0, 4) t order by u.id, t`,
      ),
    );
    const restore = await dropIndexes(sql, ["time_entries", "time_entry_tags"]);
    // Two sessions per working day (morning 08:00-13:00, afternoon 13:00-18:00 in the user's zone) over
    // the last ~100 weeks, 10 min to 3 h each; 90 % on a project (its billable flag), half of those on a
    // task. Inserted in time order, as a real instance would have written them (a user's rows are spread
    // over the whole table, not clustered).
    await step(`time entries (${(n * perUser).toLocaleString("en")})`, () =>
      sql.unsafe(
        `with up as (select workspace_id as user_id, array_agg(id order by id) ids from projects where status = 'active' group by workspace_id),
         tk as (select project_id, array_agg(id order by id) ids from tasks group by project_id),
         raw as materialized (
           select u.id as user_id, u.timezone, k,
                  case when random() < 0.9 then up.ids[1 + floor(random() * array_length(up.ids, 1))::int] end as project_id,
                  (k - 1) / 2 as workday, (k - 1) % 2 as slot, random() r1, random() r2, random() r3, random() r4, random() r5
           from users u join up on up.user_id = u.id cross join generate_series(1, ${perUser}) k
         ),
         timed as (
           select raw.*,
                  ((date_trunc('week', now() at time zone 'UTC')::date - ${7 * weeks} + (workday / 5) * 7 + workday % 5)
                    + case when slot = 0 then time '08:00' else time '13:00' end + r1 * interval '2 hours') at time zone timezone as start_at,
                  interval '10 minutes' + r2 * interval '170 minutes' as dur
           from raw
         )
         insert into time_entries (workspace_id, user_id, project_id, task_id, description, start_at, end_at, billable, source, created_at, updated_at)
         select t.user_id, t.user_id, t.project_id,
                case when t.project_id is not null and t.r3 < 0.5 then tk.ids[1 + floor(t.r4 * array_length(tk.ids, 1))::int] end,
                (${textArray(NOTES)})[1 + floor(t.r5 * ${NOTES.length})::int],
                t.start_at, t.start_at + t.dur, coalesce(p.billable, false),
                (case when t.r4 < 0.85 then 'timer' else 'manual' end)::entry_source,
                t.start_at + t.dur, t.start_at + t.dur
         from timed t left join projects p on p.id = t.project_id left join tk on tk.project_id = t.project_id
         order by t.start_at`,
      ),
    );
    // 30 % of sessions carry a tag, a third of those a second one.
    await step("entry tags", () =>
      sql.unsafe(
        `with ut as (select workspace_id as user_id, array_agg(id order by id) ids from tags group by workspace_id),
         tagged as materialized (select e.user_id, e.id, random() r from time_entries e)
         insert into time_entry_tags (workspace_id, entry_id, tag_id)
         select x.user_id, x.id, ut.ids[1 + x.id % 5] from tagged x join ut using (user_id) where x.r < 0.3
         union all
         select x.user_id, x.id, ut.ids[1 + (x.id + 1 + (x.id / 7) % 4) % 5] from tagged x join ut using (user_id) where x.r < 0.1`,
      ),
    );
    await step("indexes and foreign keys", restore);
    // A running timer for the main user (id 1) and every tenth user outside the start/stop pool.
    await step("running timers", () =>
      sql.unsafe(
        `insert into time_entries (workspace_id, user_id, project_id, description, start_at, billable, source)
         select u.id, u.id, (select min(id) from projects p where p.workspace_id = u.id), 'Running session',
                now() - interval '10 minutes' - random() * interval '2 hours', true, 'timer'
         from users u where u.id = 1 or (u.id % 10 = 0 and u.id <= ${n - config.timerUsers})`,
      ),
    );
    await step("vacuum analyze", async () => {
      await sql`vacuum analyze`;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  timings.seed = (performance.now() - seedStart) / 1000;
  return timings;
}

/** Tokens for the measured users (created through Stint's own token service), and what to ask for. */
export async function prepareFixtures(): Promise<Fixtures> {
  const url = databaseUrl();
  const handle = openDatabase({ url });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const scopes: CreateTokenInput["scopes"] = ["read:time_entries", "write:time_entries", "read:reports", "read:projects"];
    const [main] = await sql<{ id: number; timezone: string }[]>`select id, timezone from users order by id limit 1`;
    const mainToken = await createToken(handle.db, { userId: main.id }, { name: "bench", scopes });
    // The month before the current one, in the main user's zone: full of sessions.
    const [month] = await sql<{ start: string; end: string }[]>`
      select to_char(date_trunc('month', now() at time zone ${main.timezone}) - interval '1 month', 'YYYY-MM-DD') as start,
             to_char(date_trunc('month', now() at time zone ${main.timezone}) - interval '1 day', 'YYYY-MM-DD') as end`;
    // Start/stop pool: the last users, none of which has a running timer (stop any left by an earlier run).
    const pool = await sql<{ id: number; project_id: number }[]>`
      select u.id, (select min(p.id) from projects p where p.workspace_id = u.id and p.status = 'active') as project_id
      from users u order by u.id desc limit ${config.timerUsers}`;
    await resetTimers(pool.map((u) => u.id));
    const timerUsers = [];
    for (const u of pool) {
      const { token } = await createToken(handle.db, { userId: u.id }, { name: "bench", scopes });
      timerUsers.push({ id: u.id, token, projectId: u.project_id });
    }
    return { mainUser: { ...main, token: mainToken.token }, summaryMonth: month, timerUsers };
  } finally {
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

/** Stops timers the start/stop run left running (its last start may have had no stop). */
export async function resetTimers(userIds: number[]): Promise<void> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql`update time_entries set end_at = greatest(now(), start_at), updated_at = now() where end_at is null and user_id = any(${userIds})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

