import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import type { IntegrationConnection } from "@/db/schema";
import type { SyncEntry } from "../types";
import { memberUsersOf } from "./member-users";

/**
 * The entry as connection `connectionId` sees it: null when it is gone or the connection's routing rule
 * does not give it this entry (stint_entry_connections, the same function the outbox trigger calls),
 * which means "must not exist remotely". Project and task ids are the remote ones only when they were
 * imported from this connection.
 */
export async function entryForConnection(
  db: Db,
  connection: Pick<IntegrationConnection, "id" | "userId" | "settings">,
  workspaceId: number,
  entryId: number,
): Promise<SyncEntry | null> {
  const connectionId = connection.id;
  const [row] = await queryRows<{
    id: number;
    description: string;
    start_at: string | Date;
    end_at: string | Date | null;
    billable: boolean;
    project_remote: string | null;
    task_remote: string | null;
    timezone: string;
    email: string;
    change_seq: string | number;
    tags: string[] | null;
    user_id: number;
  }>(
    db,
    sql`select e.id, e.user_id, e.description, e.start_at, e.end_at, e.billable,
               case when p.connection_id = ${connectionId} then p.remote_id end as project_remote,
               case when t.connection_id = ${connectionId} then t.remote_id end as task_remote, u.timezone, u.email, e.change_seq,
               array(select tg.name from time_entry_tags et join tags tg on tg.id = et.tag_id where et.entry_id = e.id order by tg.name) as tags
        from time_entries e
        join users u on u.id = e.user_id
        left join projects p on p.id = e.project_id and p.workspace_id = e.workspace_id
        left join tasks t on t.id = e.task_id and t.workspace_id = e.workspace_id
        where e.id = ${entryId} and e.workspace_id = ${workspaceId}
          and ${connectionId} in (select stint_entry_connections(e.workspace_id, e.project_id, e.user_id, e.id))`,
  );
  if (!row) return null;
  const matched = memberUsersOf(connection);
  const matchedAny = Object.keys(matched).length > 0;
  return {
    id: row.id,
    description: row.description,
    startAt: new Date(row.start_at),
    endAt: row.end_at === null ? null : new Date(row.end_at),
    billable: row.billable,
    remoteProjectId: row.project_remote,
    remoteTaskId: row.task_remote,
    timezone: row.timezone,
    workspaceId,
    version: String(row.change_seq),
    userEmail: row.email,
    tags: row.tags ?? [],
    byConnectionMember: row.user_id === connection.userId,
    ...(matchedAny ? { remoteUserId: matched[String(row.user_id)] ?? null } : {}),
  };
}

/** The JSON form kept in a link's `attempt`, and back. */
export const entrySnapshot = (entry: SyncEntry) => ({ ...entry, startAt: entry.startAt.toISOString(), endAt: entry.endAt?.toISOString() ?? null });
export const entryFromSnapshot = (s: Record<string, unknown>): SyncEntry => ({
  ...(s as unknown as SyncEntry),
  startAt: new Date(s.startAt as string),
  endAt: s.endAt ? new Date(s.endAt as string) : null,
});
