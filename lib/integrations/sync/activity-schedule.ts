import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { builtInProviders, type ProviderRegistry } from "../registry";

/** How often an activity source (RescueTime) is imported, unless the worker is told otherwise: RescueTime's
 *  free clients sync every 30 minutes. */
export const ACTIVITY_IMPORT_EVERY_MS = 30 * 60_000;

/** Its own advisory lock namespace (pull-schedule.ts has another): two workers scheduling at once would both queue. */
const SCHEDULE_LOCK = 7_246_015;

/**
 * Queues an `import` job (no range: since the connection's cursor) for every active connection of a
 * provider with activity, whose member is still in the workspace, with no job queued or running and no
 * import queued within the last `everyMs`. Returns how many it queued.
 */
export async function scheduleActivityImports(db: Db, everyMs = ACTIVITY_IMPORT_EVERY_MS, providers: ProviderRegistry = builtInProviders): Promise<number> {
  const sources = providers.all().filter((p) => p.activity !== undefined).map((p) => p.name);
  if (!sources.length) return 0;
  const every = `${Math.max(0, Math.round(everyMs / 1000))} seconds`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SCHEDULE_LOCK})`);
    const queued = await queryRows<{ id: number }>(
      tx,
      sql`insert into integration_jobs (workspace_id, user_id, connection_id, kind)
        select c.workspace_id, c.user_id, c.id, 'import' from integration_connections c
        where c.status = 'active' and c.provider in (${sql.join(sources.map((n) => sql`${n}`), sql`, `)})
          and exists (select 1 from workspace_members m where m.workspace_id = c.workspace_id and m.user_id = c.user_id)
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.status in ('queued', 'running'))
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.kind = 'import'
                          and j.created_at > now() - ${every}::interval)
        returning id`,
    );
    return queued.length;
  });
}
