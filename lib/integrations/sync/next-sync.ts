import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { IntegrationConnection } from "@/db/schema";
import type { AnyProvider } from "../registry";
import { ACTIVITY_IMPORT_EVERY_MS } from "./activity-schedule";
import { pullEveryMs } from "./pull-schedule";

// "Next sync" on a connection: when the worker's schedule (pull-schedule.ts, activity-schedule.ts) next
// queues its periodic job. Only two-way and activity connections have one; the others send an entry when it
// changes, so they have no next time to show.

/** The periodic job of a connection of this provider and how often it runs, or null when it has none. */
export function periodicJobOf(provider: AnyProvider | undefined): { kind: "pull" | "import"; everyMs: number } | null {
  if (provider?.pull) return { kind: "pull", everyMs: pullEveryMs() };
  if (provider?.activity) return { kind: "import", everyMs: ACTIVITY_IMPORT_EVERY_MS };
  return null;
}

/** When each connection's last `pull` and `import` jobs were queued: one grouped query for all of them. */
export async function lastPeriodicJobs(db: Db, connectionIds: number[]): Promise<Map<string, Date>> {
  if (!connectionIds.length) return new Map();
  const rows = await queryRows<{ connection_id: number; kind: string; at: string | Date }>(
    db,
    sql`select connection_id, kind, max(created_at) as at from integration_jobs
        where connection_id in (${sql.join(connectionIds.map((id) => sql`${id}`), sql`, `)}) and kind in ('pull', 'import')
        group by connection_id, kind`,
  );
  return new Map(rows.map((r) => [`${Number(r.connection_id)}:${r.kind}`, new Date(r.at)]));
}

/** The schedule's next run for this connection: due now when it never ran or is late; null when stopped or unscheduled. */
export function nextSyncAt(connection: Pick<IntegrationConnection, "id" | "status">, provider: AnyProvider | undefined, last: Map<string, Date>, now = new Date()): Date | null {
  const periodic = periodicJobOf(provider);
  if (!periodic || connection.status !== "active") return null;
  const ran = last.get(`${connection.id}:${periodic.kind}`);
  if (!ran) return now;
  return new Date(Math.max(now.getTime(), ran.getTime() + periodic.everyMs));
}
