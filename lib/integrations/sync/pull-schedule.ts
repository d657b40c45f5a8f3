import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { builtInProviders, type ProviderRegistry } from "../registry";

/** How often a two-way connection asks its provider for remote changes, unless the worker is told otherwise. */
export const PULL_EVERY_MS = 5 * 60_000;

/** Namespace of the advisory lock around scheduling: two workers scheduling at once would both find no
 *  pull queued and queue one each. */
const SCHEDULE_LOCK = 7_246_014;

/**
 * Queues a `pull` job for every active connection of a provider that pulls, whose member is still in the
 * workspace, that has no job queued or running and no pull queued within the last `pullEveryMs`. Returns
 * how many it queued.
 */
export async function schedulePulls(db: Db, pullEveryMs = PULL_EVERY_MS, providers: ProviderRegistry = builtInProviders): Promise<number> {
  const pulling = providers.all().filter((p) => p.pull !== undefined).map((p) => p.name);
  if (!pulling.length) return 0;
  const every = `${Math.max(0, Math.round(pullEveryMs / 1000))} seconds`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SCHEDULE_LOCK})`);
    const queued = await queryRows<{ id: number }>(
      tx,
      sql`insert into integration_jobs (workspace_id, user_id, connection_id, kind)
        select c.workspace_id, c.user_id, c.id, 'pull' from integration_connections c
        where c.status = 'active' and c.provider in (${sql.join(pulling.map((n) => sql`${n}`), sql`, `)})
          and exists (select 1 from workspace_members m where m.workspace_id = c.workspace_id and m.user_id = c.user_id)
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.status in ('queued', 'running'))
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.kind = 'pull'
                          and j.created_at > now() - ${every}::interval)
        returning id`,
    );
    return queued.length;
  });
}
