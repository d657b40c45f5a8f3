import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { AnyProvider, ProviderRegistry } from "../registry";

/**
 * Queues a `kind` job for every active connection of the providers `which` picks, whose member is still in
 * the workspace, with no job queued or running and no `kind` job queued within the last `everyMs`. Under a
 * transaction-scoped advisory lock (`lockKey`, one per kind): two workers scheduling at once would both find
 * nothing queued and queue one each. Returns how many it queued.
 */
export async function scheduleJobs(
  db: Db,
  opts: { kind: string; lockKey: number; everyMs: number; providers: ProviderRegistry; which: (p: AnyProvider) => boolean },
): Promise<number> {
  const names = opts.providers.all().filter(opts.which).map((p) => p.name);
  if (!names.length) return 0;
  const every = `${Math.max(0, Math.round(opts.everyMs / 1000))} seconds`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${opts.lockKey})`);
    const queued = await queryRows<{ id: number }>(
      tx,
      sql`insert into integration_jobs (workspace_id, user_id, connection_id, kind)
        select c.workspace_id, c.user_id, c.id, ${opts.kind} from integration_connections c
        where c.status = 'active' and c.provider in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
          and exists (select 1 from workspace_members m where m.workspace_id = c.workspace_id and m.user_id = c.user_id)
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.status in ('queued', 'running'))
          and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.kind = ${opts.kind}
                          and j.created_at > now() - ${every}::interval)
        returning id`,
    );
    return queued.length;
  });
}
