// Seeds one user with years of realistic history into an empty, migrated Stint database (PGlite or
// PostgreSQL alike, through the same drizzle handle): a few set-based INSERT … SELECT statements over
// generate_series, never one request or one statement per entry.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { CreateTokenInput } from "@/lib/tokens/schema";
import { createToken } from "@/lib/tokens/service";
import { hashPassword } from "@/lib/users/password";
import { createPersonalWorkspace } from "@/lib/workspaces/personal";

export const HISTORY_EMAIL = "history@example.com";
export const HISTORY_PASSWORD = "bench-history-password-1";
/** A zone with DST, so that the day rule's 23 h and 25 h days are part of what is measured. */
export const HISTORY_ZONE = "Europe/Berlin";
export const HISTORY_YEARS = 5;

const PROJECTS = ["Website redesign", "Mobile app", "API integration", "Marketing site", "Support retainer", "Data migration", "Internal tools", "Admin"];
const NOTES = ["Code review", "Standup", "Client call", "Fix login bug", "Write documentation", "Sprint planning", "Refactor billing", "Email", "Design review", "Deploy", "Research", "Write tests", "Invoice", "Workshop"];
const TAGS = ["meeting", "deep-work", "bug", "review", "admin"];

const textArray = (items: string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(",")}]::text[]`;

export type HistoryUser = { id: number; workspaceId: number; email: string; password: string; timezone: string; token: string; entries: number };

/**
 * One freelancer's history, ending yesterday: every weekday of the last five years (no weekends), the
 * day's sessions spread over 08:00–18:00 local time without overlaps (so the count per day is entries /
 * workdays: ~19 at 25,000, ~77 at 100,000), 90 % on one of 7 active projects (the first five of them for
 * clients, billable at a rate), 30 % tagged, plus a timer running since 25 minutes ago. Rows are inserted
 * in time order, as an instance writes them over the years.
 */
export async function seedHistory(db: Db, entries: number, step: (name: string, fn: () => Promise<unknown>) => Promise<void>): Promise<HistoryUser> {
  const passwordHash = await hashPassword(HISTORY_PASSWORD);
  let userId = 0;
  let ws = 0;
  await step("user, workspace, clients, projects, tags", async () => {
    const [user] = await queryRows<{ id: number }>(
      db,
      sql`insert into users (email, name, password_hash, timezone, created_at, updated_at)
          values (${HISTORY_EMAIL}, 'History Bench', ${passwordHash}, ${HISTORY_ZONE}, now() - interval '5 years 1 month', now() - interval '5 years 1 month')
          returning id`,
    );
    userId = user.id;
    // The personal workspace registering makes (lib/workspaces/personal.ts), as old as the account: the
    // user's catalog and entries belong to it.
    ws = (await createPersonalWorkspace(db, { id: userId, name: "History Bench" })).id;
    await db.execute(sql`update workspaces set created_at = now() - interval '5 years 1 month', updated_at = now() - interval '5 years 1 month' where id = ${ws}`);
    await db.execute(sql`update workspace_members set created_at = now() - interval '5 years 1 month' where workspace_id = ${ws}`);
    await db.execute(sql.raw(`insert into clients (workspace_id, name) select ${ws}, 'Client ' || c from generate_series(1, 3) c`));
    await db.execute(
      sql.raw(`insert into projects (workspace_id, client_id, name, color, status, billable, hourly_rate)
        select ${ws}, case when p <= 5 then (select min(id) from clients where workspace_id = ${ws}) + (p - 1) % 3 end,
               (${textArray(PROJECTS)})[p], '#6366f1', (case when p = 8 then 'archived' else 'active' end)::project_status,
               p <= 5, case when p <= 5 then 60 + 10 * p end
        from generate_series(1, 8) p`),
    );
    await db.execute(sql.raw(`insert into tags (workspace_id, name) select ${ws}, (${textArray(TAGS)})[t] from generate_series(1, 5) t`));
  });
  await step(`time entries (${entries.toLocaleString("en")})`, () =>
    db.execute(
      sql.raw(`
      with tz as (select '${HISTORY_ZONE}'::text as zone),
      workdays as (
        select d::date as day, row_number() over (order by d) - 1 as w
        from generate_series((now() at time zone (select zone from tz))::date - interval '${HISTORY_YEARS} years',
                             (now() at time zone (select zone from tz))::date - interval '1 day', interval '1 day') d
        where extract(isodow from d) < 6
      ),
      n as (select count(*)::float8 as days from workdays),
      pr as (select array_agg(id order by id) ids from projects where workspace_id = ${ws} and status = 'active'),
      k as (
        -- entry k falls on workday floor(k * days / entries), at the fraction of that day's 10 hours the rest gives
        select k, (k * n.days / ${entries}) as pos, ${entries} / n.days as per_day, random() r1, random() r2, random() r3
        from generate_series(0, ${entries - 1}) k, n
      ),
      placed as (
        select k.*, w.day,
               ((w.day + time '08:00' + (k.pos - floor(k.pos)) * interval '10 hours') at time zone (select zone from tz)) as start_at,
               interval '10 hours' / k.per_day * (0.3 + 0.6 * k.r1) as dur
        from k join workdays w on w.w = floor(k.pos)
      )
      insert into time_entries (workspace_id, user_id, project_id, description, start_at, end_at, billable, source, created_at, updated_at)
      select ${ws}, ${userId}, case when p.r2 < 0.9 then pr.ids[1 + floor(p.r3 * array_length(pr.ids, 1))::int] end,
             (${textArray(NOTES)})[1 + (p.k % ${NOTES.length})],
             p.start_at, p.start_at + p.dur, p.r2 < 0.9 and floor(p.r3 * array_length(pr.ids, 1)) < 5,
             (case when p.k % 7 = 0 then 'manual' else 'timer' end)::entry_source, p.start_at + p.dur, p.start_at + p.dur
      from placed p, pr
      order by p.start_at`),
    ),
  );
  await step("entry tags (30 %)", () =>
    db.execute(
      sql.raw(`insert into time_entry_tags (workspace_id, entry_id, tag_id)
        select ${ws}, e.id, (select min(id) from tags where workspace_id = ${ws}) + e.id % 5
        from time_entries e where e.workspace_id = ${ws} and e.user_id = ${userId} and e.id % 10 < 3`),
    ),
  );
  await step("running timer", () =>
    db.execute(
      sql.raw(`insert into time_entries (workspace_id, user_id, project_id, description, start_at, billable, source)
        select ${ws}, ${userId}, min(id), 'Running session', now() - interval '25 minutes', true, 'timer' from projects where workspace_id = ${ws}`),
    ),
  );
  const scopes: CreateTokenInput["scopes"] = ["read:time_entries", "write:time_entries", "read:reports", "read:projects"];
  const { token } = await createToken(db, { userId, workspaceId: ws }, { name: "history bench", scopes });
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from time_entries where workspace_id = ${ws} and user_id = ${userId}`);
  return { id: userId, workspaceId: ws, email: HISTORY_EMAIL, password: HISTORY_PASSWORD, timezone: HISTORY_ZONE, token, entries: Number(count.n) };
}
