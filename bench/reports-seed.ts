// Seeds the report bench's workspace (bench/reports.ts): 20 members, 6 clients, 30 projects, rates at every
// level of the precedence, 8 tags on a third of the entries, and ENTRIES entries spread over 2025.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { createClient } from "@/lib/clients/service";
import { createProject } from "@/lib/projects/service";
import { ensureTags } from "@/lib/tags/service";
import { addMember } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { updateMember } from "@/lib/workspaces/members";
import { updateWorkspace } from "@/lib/workspaces/service";

export const MEMBERS = 20;

export async function seedReportWorkspace(db: Db, ENTRIES: number): Promise<TestUser> {
  const t = { db };
    const owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const ws = owner.workspaceId;
    const members = [owner.id];
    for (let i = 1; i < MEMBERS; i++) {
      const u = await makeUser(t.db, { timezone: "Europe/Berlin" });
      await addMember(t.db, ws, u.id, i % 5 === 0 ? "manager" : "member");
      if (i % 3 === 0) await updateMember(t.db, owner, u.id, { hourly_rate: 40 + i });
      members.push(u.id);
    }
    await updateWorkspace(t.db, owner, { default_hourly_rate: 50, rounding: "up", rounding_minutes: 15, rounding_scope: "entry" });
    const clients = [];
    for (let i = 0; i < 6; i++) clients.push(await createClient(t.db, owner, { name: `Client ${i}`, hourly_rate: i % 2 ? 80 + i : null }));
    const projects: number[] = [];
    for (let i = 0; i < 30; i++) {
      const p = await createProject(t.db, owner, {
        name: `Project ${i}`,
        client_id: i % 5 === 4 ? null : clients[i % 6].id,
        hourly_rate: i % 4 === 0 ? 90 + i : null,
        member_rates: i % 7 === 0 ? [{ user_id: members[i % MEMBERS], hourly_rate: 120.5 }] : undefined,
      });
      projects.push(p.id);
    }
    const tags = await ensureTags(t.db, owner, ["design", "meeting", "review", "support", "travel", "admin", "research", "ops"]);
    const arr = (ids: number[]) => sql.raw(`array[${ids.join(",")}]`);
    // Each member's k-th entry starts k × (a year / entries per member) after 2025-01-01 UTC and lasts 15 to 50
    // minutes: ~27 entries a day each, some across midnight; one in ten has no project; two in three are billable.
    await t.db.execute(sql`
      insert into time_entries (workspace_id, user_id, project_id, description, start_at, end_at, billable, source)
      select ${ws}, (${arr(members)})[1 + i % ${MEMBERS}],
             case when i % 10 = 9 then null else (${arr(projects)})[1 + (i * 7 + i / ${MEMBERS}) % ${projects.length}] end,
             'bench entry ' || i,
             s, s + (900 + (i * 37) % 2100) * interval '1 second', i % 3 <> 0, 'manual'
      from generate_series(0, ${ENTRIES - 1}) as i,
           lateral (select '2025-01-01T00:00:00Z'::timestamptz + (i / ${MEMBERS}) * (interval '365 days' / ${Math.ceil(ENTRIES / MEMBERS)}) as s) x`);
    await t.db.execute(sql`
      insert into time_entry_tags (workspace_id, entry_id, tag_id)
      select workspace_id, id, (${arr(tags)})[1 + id % ${tags.length}] from time_entries where workspace_id = ${ws} and id % 3 = 0`);
    // The tags' trigger rewrote a third of the entries (time_entries.tag_ids): vacuum them as autovacuum (or,
    // on PGlite, db/statistics.ts's housekeeping) would, rather than time reports over the dead rows.
    await t.db.execute(sql`vacuum (analyze) time_entries`);
    await t.db.execute(sql`analyze`);
  return owner;
}
